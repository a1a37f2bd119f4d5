package io.sockudo.adapter;

import io.sockudo.adapter.app.App;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of what the engine did, for metrics. LongAdders: increments from many I/O threads
 * touch per-thread cells, so counting costs nothing measurable on the hot path.
 */
public final class EngineStats {

    final LongAdder connectionsOpened = new LongAdder();
    final LongAdder connectionsClosed = new LongAdder();
    final LongAdder connectionErrors = new LongAdder();
    final LongAdder subscriptions = new LongAdder();
    final LongAdder unsubscriptions = new LongAdder();
    final LongAdder subscriptionRefusals = new LongAdder();
    final LongAdder clientEvents = new LongAdder();
    final LongAdder clientEventRefusals = new LongAdder();
    final LongAdder malformedFrames = new LongAdder();
    /** Per app; an entry is made on an app's first counted event and kept (apps are few). */
    private final ConcurrentHashMap<String, AppStats> byApp = new ConcurrentHashMap<>();
    /** Where events of a connection whose app is not known yet are counted; not reported per app. */
    private final AppStats unknownApp = new AppStats();

    AppStats app(App app) {
        if (app == null) {
            return unknownApp;
        }
        AppStats s = byApp.get(app.id());
        return s != null ? s : byApp.computeIfAbsent(app.id(), k -> new AppStats());
    }

    /** Each app's counters, by app id. */
    public Map<String, AppStats> byApp() {
        return Map.copyOf(byApp);
    }

    public long connectionsOpened() {
        return connectionsOpened.sum();
    }

    public long connectionsClosed() {
        return connectionsClosed.sum();
    }

    /** Connections refused or ended with a Pusher error (unknown app, quota, timeouts, ...). */
    public long connectionErrors() {
        return connectionErrors.sum();
    }

    public long subscriptions() {
        return subscriptions.sum();
    }

    public long unsubscriptions() {
        return unsubscriptions.sum();
    }

    public long subscriptionRefusals() {
        return subscriptionRefusals.sum();
    }

    public long clientEvents() {
        return clientEvents.sum();
    }

    public long clientEventRefusals() {
        return clientEventRefusals.sum();
    }

    public long malformedFrames() {
        return malformedFrames.sum();
    }
}
