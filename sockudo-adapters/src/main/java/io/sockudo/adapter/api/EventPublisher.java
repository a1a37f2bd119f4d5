package io.sockudo.adapter.api;

import com.fasterxml.jackson.core.JsonParser;
import io.sockudo.adapter.Adapter;
import io.sockudo.adapter.EngineOptions;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.broadcast.Publication;
import io.sockudo.adapter.delta.ChannelSettings;
import io.sockudo.adapter.delta.DeltaSource;
import io.sockudo.adapter.hooks.ChannelCache;
import io.sockudo.adapter.ratelimit.FixedWindowRateLimiter;
import io.sockudo.adapter.ratelimit.RateLimiter;
import io.sockudo.protocol.ApiEvent;
import io.sockudo.protocol.ChannelKind;
import io.sockudo.protocol.ChannelNames;
import io.sockudo.protocol.Json;
import io.sockudo.protocol.PusherEvents;
import io.sockudo.protocol.ServerFrames;
import io.sockudo.protocol.SocketId;
import io.sockudo.protocol.filter.FilterException;
import io.sockudo.protocol.filter.Tags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Events published through the HTTP API: checked against the app's limits, serialized once per
 * channel, broadcast through the {@link Adapter} to every subscriber but the excluded socket, and
 * kept as the last event of cache channels.
 */
public final class EventPublisher {

    private final Adapter adapter;
    private final ChannelCache cache;
    private final EngineOptions options;
    /** Events per app and second ({@code max_backend_events_per_second}). */
    private final RateLimiter<String> backendEvents;

    public EventPublisher(Adapter adapter, ChannelCache cache, EngineOptions options) {
        this.adapter = adapter;
        this.cache = cache;
        this.options = options;
        this.backendEvents = FixedWindowRateLimiter.perSecond(options.clock());
    }

    /** Checks an event against the app's limits without publishing it. */
    public void validate(App app, ApiEvent e) {
        tags(e);
        if (e.name().length() > app.maxEventNameLength()) {
            throw ApiError.badRequest("Event name is too long: " + e.name().length() + " characters, the limit is " + app.maxEventNameLength());
        }
        if (PusherEvents.isReserved(e.name())) {
            throw ApiError.badRequest("Event names starting with pusher: or pusher_internal: are reserved");
        }
        if (e.channels().size() > app.maxEventChannelsAtOnce()) {
            throw ApiError.badRequest("An event may go to at most " + app.maxEventChannelsAtOnce() + " channels, this one names " + e.channels().size());
        }
        for (String channel : e.channels()) {
            String invalid = ChannelNames.validate(channel, app.maxChannelNameLength());
            if (invalid != null) {
                throw ApiError.badRequest(invalid);
            }
        }
        int limit = app.maxEventPayloadBytes();
        if (limit > 0) {
            int size = e.data().getBytes(StandardCharsets.UTF_8).length;
            if (size > limit) {
                throw ApiError.payloadTooLarge("Event data is " + size + " bytes, the limit is " + limit);
            }
        }
    }

    /**
     * Counts events against the app's {@code max_backend_events_per_second} (each channel of an
     * event counts, as each is a message delivered); 429 when over.
     */
    public void admit(App app, List<ApiEvent> events) {
        int n = 0;
        for (ApiEvent e : events) {
            n += e.channels().size();
        }
        if (!backendEvents.tryAcquire(app.id(), n, app.maxBackendEventsPerSecond()).allowed()) {
            throw ApiError.tooManyRequests("Over the app's limit of " + app.maxBackendEventsPerSecond() + " events per second");
        }
    }

    /**
     * Publishes a validated event.
     *
     * @return per channel, the attributes {@code info} asked for (empty when it asked for none)
     */
    public Map<String, ChannelStats> publish(App app, ApiEvent e) {
        // broadcast_latency_ms runs from here to the last socket write on this node
        long received = options.clock().nanoTime();
        SocketId except = SocketId.parse(e.socketId());
        Tags tags = tags(e);
        boolean wantsSubscriptions = e.wants("subscription_count");
        boolean wantsUsers = e.wants("user_count");
        Map<String, ChannelStats> info = wantsSubscriptions || wantsUsers ? new LinkedHashMap<>() : Map.of();
        for (String name : e.channels()) {
            ChannelKind kind = ChannelKind.of(name);
            ChannelSettings settings = ChannelSettings.resolve(app, name, options.delta(), options.tagFiltering().enableTags());
            byte[] payload = ServerFrames.channelEvent(e.name(), name, e.data(), null, settings.enableTags() ? tags : null);
            DeltaSource delta = null;
            if (!Boolean.FALSE.equals(e.delta()) && settings.deltaAllowed() && !kind.isEncrypted()
                    && payload.length >= options.delta().minMessageSize()) {
                delta = new DeltaSource(e.data(), settings.conflationKeyPath(), options.delta().omitDeltaAlgorithm());
            }
            Publication p = Publication.timedEvent(name, e.name(), payload, except, tags, delta, received);
            adapter.broadcast(app.id(), kind.isCache() ? p.keptFor(options.cacheTtl()) : p);
            if (kind.isCache()) {
                cache.put(app.id(), name, payload, options.cacheTtl());
            }
            if (wantsSubscriptions || wantsUsers) {
                info.put(name, ChannelInspector.stats(adapter, app.id(), name, wantsSubscriptions, wantsUsers));
            }
        }
        return info;
    }

    /** The publisher's tags; 400 unless they are an object of strings. */
    private static Tags tags(ApiEvent e) {
        if (e.tags() == null) {
            return Tags.EMPTY;
        }
        try (JsonParser p = Json.parser(e.tags().json())) {
            p.nextToken();
            return Tags.parse(p);
        } catch (FilterException | IOException ex) {
            throw ApiError.badRequest("Invalid tags: " + ex.getMessage());
        }
    }

    /** Validates and publishes a batch; each event's info is about its first channel. */
    public List<Map<String, ChannelStats>> publishBatch(App app, List<ApiEvent> batch) {
        if (batch.size() > app.maxEventBatchSize()) {
            throw ApiError.badRequest("A batch may hold at most " + app.maxEventBatchSize() + " events, this one has " + batch.size());
        }
        for (ApiEvent e : batch) {
            validate(app, e);
        }
        admit(app, batch);
        return batch.stream().map(e -> publish(app, e)).toList();
    }
}
