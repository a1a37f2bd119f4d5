package io.sockudo.adapter.cluster;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sockudo.protocol.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.UUID;

/**
 * The JSON of node-to-node messages, with sockudo's field names: a broadcast is its
 * {@code BroadcastMessage}, requests and the fire-and-forget notices are its {@code RequestBody}
 * (told apart by {@code request_type}), answers its {@code ResponseBody}. Unknown fields are
 * skipped so that a newer node can add some.
 */
public final class ClusterCodec {

    private ClusterCodec() {
    }

    public static byte[] encode(String nodeId, ClusterMessage message) {
        return Json.write(g -> {
            g.writeStartObject();
            if (message instanceof Broadcast b) {
                writeBroadcast(g, nodeId, b);
            } else if (message instanceof Response r) {
                writeResponse(g, nodeId, r);
            } else if (message instanceof Request r) {
                writeRequest(g, nodeId, r);
            } else if (message instanceof PresenceJoined p) {
                writeRequestHead(g, randomId(), nodeId, p.appId(), RequestType.PRESENCE_MEMBER_JOINED);
                writeMember(g, p.channel(), p.socketId(), p.userId());
                if (p.userInfo() != null) {
                    g.writeFieldName("user_info");
                    g.writeRawValue(p.userInfo());
                }
            } else if (message instanceof PresenceLeft p) {
                writeRequestHead(g, randomId(), nodeId, p.appId(), RequestType.PRESENCE_MEMBER_LEFT);
                writeMember(g, p.channel(), p.socketId(), p.userId());
            } else if (message instanceof NodeCount n) {
                writeRequestHead(g, randomId(), nodeId, n.appId(), n.kind().wireType());
                writeCount(g, n);
            } else if (message instanceof NodeCounts all) {
                writeRequestHead(g, randomId(), nodeId, "", RequestType.COUNTS_SYNC);
                g.writeArrayFieldStart("counts");
                for (NodeCount n : all.counts()) {
                    g.writeStartObject();
                    g.writeStringField("request_type", n.kind().wireType().wireName());
                    g.writeStringField("app_id", n.appId());
                    writeCount(g, n);
                    g.writeEndObject();
                }
                g.writeEndArray();
            } else if (message instanceof Heartbeat h) {
                writeRequestHead(g, randomId(), nodeId, "", RequestType.HEARTBEAT);
                g.writeNumberField("timestamp", h.timestampMs());
                if (h.hello()) {
                    g.writeBooleanField("hello", true);
                }
            } else if (message instanceof NodeDead d) {
                writeRequestHead(g, randomId(), nodeId, "", RequestType.NODE_DEAD);
                g.writeStringField("dead_node_id", d.deadNodeId());
            }
            g.writeEndObject();
        });
    }

    /**
     * The bytes every broadcast of {@code nodeId} starts with: a node that hears its own
     * broadcasts back (Redis delivers a publish to every subscriber, the publisher's own
     * subscription too) knows them by this prefix without decoding them. Should an id need
     * escaping that the encoder writes otherwise, nothing matches and they are decoded as before.
     */
    public static byte[] broadcastPrefix(String nodeId) {
        return ("{\"node_id\":" + Json.quote(nodeId) + ",").getBytes(StandardCharsets.UTF_8);
    }

    /** A request id: random, but without the shared lock of {@link UUID#randomUUID()}. */
    public static String randomId() {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        return new UUID(r.nextLong(), r.nextLong()).toString();
    }

    /**
     * Reads one message.
     *
     * @throws IOException when the bytes are not one of the shapes above
     */
    public static Envelope decode(byte[] bytes) throws IOException {
        WireFields f = new WireFields();
        try (JsonParser p = Json.parser(bytes, 0, bytes.length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("a cluster message is a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                f.read(name, p);
            }
        }
        return f.toEnvelope();
    }

    private static void writeBroadcast(JsonGenerator g, String nodeId, Broadcast b) throws IOException {
        g.writeStringField("node_id", nodeId);
        g.writeStringField("app_id", b.appId());
        g.writeStringField("channel", b.channel());
        g.writeStringField("message", b.message());
        writeOptional(g, "except_socket_id", b.exceptSocketId());
        g.writeNumberField("timestamp_ms", b.timestampMs());
        Broadcast.EventInfo e = b.event();
        if (e != null) {
            // not sockudo's: a sockudo node skips it and still delivers the message
            g.writeObjectFieldStart("event_info");
            g.writeStringField("name", e.name());
            if (e.tags() != null) {
                g.writeFieldName("tags");
                g.writeRawValue(e.tags());
            }
            if (e.delta()) {
                g.writeBooleanField("delta", true);
                writeOptional(g, "conflation_key_path", e.conflationKeyPath());
                g.writeBooleanField("omit_delta_algorithm", e.omitAlgorithm());
            }
            if (e.cacheTtlMs() > 0) {
                g.writeNumberField("cache_ttl_ms", e.cacheTtlMs());
            }
            g.writeEndObject();
        }
    }

    private static void writeRequest(JsonGenerator g, String nodeId, Request r) throws IOException {
        Query q = r.query();
        writeRequestHead(g, r.requestId(), nodeId, q.appId(), q.type());
        writeOptional(g, "channel", q.channel());
        writeOptional(g, "socket_id", q.socketId());
        writeOptional(g, "user_id", q.userId());
        if (!q.channels().isEmpty()) {
            writeStrings(g, "channels", q.channels());
        }
    }

    private static void writeRequestHead(JsonGenerator g, String requestId, String nodeId, String appId,
                                         RequestType type) throws IOException {
        g.writeStringField("request_id", requestId);
        g.writeStringField("node_id", nodeId);
        g.writeStringField("app_id", appId);
        g.writeStringField("request_type", type.wireName());
    }

    private static void writeResponse(JsonGenerator g, String nodeId, Response r) throws IOException {
        Answer a = r.answer();
        g.writeStringField("request_id", r.requestId());
        g.writeStringField("node_id", nodeId);
        g.writeStringField("app_id", a.appId());
        g.writeObjectFieldStart("members");
        for (Map.Entry<String, String> m : a.members().entrySet()) {
            g.writeObjectFieldStart(m.getKey());
            g.writeStringField("user_id", m.getKey());
            g.writeFieldName("user_info");
            g.writeRawValue(m.getValue());
            g.writeEndObject();
        }
        g.writeEndObject();
        g.writeObjectFieldStart("channels_with_sockets_count");
        for (Map.Entry<String, Long> c : a.channelsWithSocketsCount().entrySet()) {
            g.writeNumberField(c.getKey(), c.getValue());
        }
        g.writeEndObject();
        writeStrings(g, "socket_ids", a.socketIds());
        g.writeNumberField("sockets_count", a.socketsCount());
        g.writeBooleanField("exists", a.exists());
        writeStrings(g, "channels", a.channels());
        g.writeNumberField("members_count", a.membersCount());
        if (a.cachedEvent() != null) {
            // not sockudo's: only a CachedEvent request is answered with it
            g.writeStringField("cached_event", a.cachedEvent());
            g.writeNumberField("cache_ttl_ms", a.cacheTtlMs());
        }
    }

    private static void writeCount(JsonGenerator g, NodeCount n) throws IOException {
        if (n.kind() == NodeCount.Kind.CHANNEL_SOCKETS) {
            g.writeStringField("channel", n.name());
        } else if (n.kind() == NodeCount.Kind.USER_CONNECTIONS) {
            g.writeStringField("user_id", n.name());
        }
        g.writeNumberField("sockets_count", n.count());
    }

    private static void writeMember(JsonGenerator g, String channel, String socketId, String userId)
            throws IOException {
        g.writeStringField("channel", channel);
        g.writeStringField("socket_id", socketId);
        g.writeStringField("user_id", userId);
    }

    private static void writeOptional(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    private static void writeStrings(JsonGenerator g, String name, List<String> values) throws IOException {
        g.writeArrayFieldStart(name);
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
