package io.sockudo.store.webhook;

import io.sockudo.adapter.app.App;
import io.sockudo.protocol.WebhookEvent;
import java.util.List;
import java.util.Objects;

/**
 * Events of one app that travel together: one request per interested endpoint, all with the same
 * {@code time_ms}.
 *
 * @param app    the app the events belong to (its webhooks and credentials as of the last event)
 * @param timeMs the {@code time_ms} of the request body
 * @param events in the order the engine produced them
 */
public record WebhookBatch(App app, long timeMs, List<WebhookEvent> events) {

    public WebhookBatch {
        Objects.requireNonNull(app, "app");
        events = List.copyOf(events);
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a batch holds at least one event");
        }
    }

    public int size() {
        return events.size();
    }
}
