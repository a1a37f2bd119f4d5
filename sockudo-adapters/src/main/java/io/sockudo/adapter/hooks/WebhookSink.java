package io.sockudo.adapter.hooks;

import io.sockudo.adapter.app.App;
import io.sockudo.protocol.WebhookEvent;

/**
 * Receives the webhook events the engine produces. Implementations queue them and deliver them
 * elsewhere; {@link #emit} is called on I/O threads and must return at once.
 */
@FunctionalInterface
public interface WebhookSink {

    WebhookSink NONE = (app, event) -> { };

    void emit(App app, WebhookEvent event);
}
