package io.sockudo.adapter;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sockudo.adapter.broadcast.Publication;
import io.sockudo.adapter.cluster.Broadcast;
import io.sockudo.adapter.delta.DeltaSource;
import io.sockudo.protocol.Json;
import io.sockudo.protocol.SocketId;
import io.sockudo.protocol.filter.Tags;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A {@link Publication} as it travels between nodes, and back: the serialized frame, the socket
 * it excludes, and for app events what the receiving node's filters and delta chains need (the
 * event name, the publisher's tags, whether and how it is delta-compressed). The receiving node
 * rebuilds the same publication and delivers it as the publishing node did to its own sockets.
 */
final class ClusterPublications {

    private ClusterPublications() {
    }

    static Broadcast toBroadcast(String appId, Publication p, long nowMs) {
        String message = new String(p.payload(), StandardCharsets.UTF_8);
        String except = p.except() == null ? null : p.except().toString();
        Broadcast.EventInfo event = null;
        if (p.event() != null) {
            Tags tags = p.tags();
            String tagsJson = tags.isEmpty() ? null : new String(Json.write(tags::writeJson), StandardCharsets.UTF_8);
            DeltaSource d = p.delta();
            event = new Broadcast.EventInfo(p.event(), tagsJson, d != null,
                    d == null ? null : d.conflationKeyPath(), d != null && d.omitAlgorithm(), p.cacheTtlMs());
        }
        return new Broadcast(appId, p.channel(), message, except, nowMs, event);
    }

    /**
     * The publication a broadcast carries.
     *
     * @throws IOException when the tags or the message are not what a publishing node writes
     */
    static Publication toPublication(Broadcast b) throws IOException {
        byte[] payload = b.message().getBytes(StandardCharsets.UTF_8);
        SocketId except = SocketId.parse(b.exceptSocketId());
        Broadcast.EventInfo e = b.event();
        if (e == null) {
            return Publication.of(b.channel(), payload, except);
        }
        Tags tags = Tags.EMPTY;
        if (e.tags() != null) {
            try (JsonParser p = Json.parser(e.tags())) {
                tags = Tags.parse(p);
            }
        }
        DeltaSource delta = e.delta() ? new DeltaSource(data(payload), e.conflationKeyPath(), e.omitAlgorithm()) : null;
        Publication p = Publication.event(b.channel(), e.name(), payload, except, tags, delta);
        return e.cacheTtlMs() > 0 ? p.keptFor(Duration.ofMillis(e.cacheTtlMs())) : p;
    }

    /** The {@code data} of a Pusher message: its string value, as the publishing node's delta source had it. */
    private static String data(byte[] message) throws IOException {
        try (JsonParser p = Json.parser(message, 0, message.length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a Pusher message is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("data")) {
                    if (t == JsonToken.VALUE_STRING) {
                        return p.getText();
                    }
                    throw new IOException("a delta-compressed message has string data");
                }
                p.skipChildren();
            }
        }
        throw new IOException("a delta-compressed message has data");
    }
}
