package io.sockudo.adapter.cluster;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SegmentedStringWriter;
import io.sockudo.protocol.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
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

    /** Every field any shape may carry, filled while reading; the shape is decided at the end. */
    private static final class WireFields {
        String nodeId;
        String appId;
        String channel;
        String message;
        boolean hasMessage;
        String exceptSocketId;
        long timestampMs;
        String requestId;
        String requestType;
        String socketId;
        String userId;
        String userInfo;
        String deadNodeId;
        boolean hello;
        List<String> channels;
        Map<String, String> members;
        Map<String, Long> channelsWithSocketsCount;
        List<String> socketIds;
        long socketsCount;
        boolean exists;
        long membersCount;

        void read(String name, JsonParser p) throws IOException {
            switch (name) {
                case "node_id" -> nodeId = text(p);
                case "app_id" -> appId = text(p);
                case "channel" -> channel = text(p);
                case "message" -> {
                    message = text(p);
                    hasMessage = message != null;
                }
                case "except_socket_id" -> exceptSocketId = text(p);
                case "timestamp_ms", "timestamp" -> timestampMs = p.currentToken().isNumeric() ? p.getLongValue() : 0;
                case "request_id" -> requestId = text(p);
                case "request_type" -> requestType = text(p);
                case "socket_id" -> socketId = text(p);
                case "user_id" -> userId = text(p);
                case "user_info" -> userInfo = raw(p);
                case "dead_node_id" -> deadNodeId = text(p);
                case "hello" -> hello = p.currentToken() == JsonToken.VALUE_TRUE;
                case "channels" -> channels = strings(p);
                case "socket_ids" -> socketIds = strings(p);
                case "members" -> members = members(p);
                case "channels_with_sockets_count" -> channelsWithSocketsCount = counts(p);
                case "sockets_count" -> socketsCount = number(p);
                case "members_count" -> membersCount = number(p);
                case "exists" -> exists = p.currentToken() == JsonToken.VALUE_TRUE;
                default -> p.skipChildren();
            }
        }

        Envelope toEnvelope() throws IOException {
            if (nodeId == null) {
                throw new IOException("a cluster message names its node_id");
            }
            String app = appId == null ? "" : appId;
            ClusterMessage m;
            if (requestType != null) {
                RequestType type = RequestType.ofWireName(requestType);
                if (type == null) {
                    throw new IOException("unknown request_type " + requestType);
                }
                m = switch (type) {
                    case HEARTBEAT -> new Heartbeat(timestampMs, hello);
                    case NODE_DEAD -> new NodeDead(require(deadNodeId, "dead_node_id"));
                    case PRESENCE_MEMBER_JOINED -> new PresenceJoined(app, require(channel, "channel"),
                            require(socketId, "socket_id"), require(userId, "user_id"), userInfo);
                    case PRESENCE_MEMBER_LEFT -> new PresenceLeft(app, require(channel, "channel"),
                            require(socketId, "socket_id"), require(userId, "user_id"));
                    default -> new Request(require(requestId, "request_id"),
                            new Query(type, app, channel, socketId, userId, channels));
                };
            } else if (hasMessage) {
                m = new Broadcast(app, require(channel, "channel"), message, exceptSocketId, timestampMs);
            } else if (requestId != null) {
                m = new Response(requestId, new Answer(app, members, channelsWithSocketsCount, socketIds,
                        socketsCount, exists, channels, membersCount));
            } else {
                throw new IOException("neither a broadcast, a request nor a response");
            }
            return new Envelope(nodeId, m);
        }

        private static String require(String value, String name) throws IOException {
            if (value == null) {
                throw new IOException("missing " + name);
            }
            return value;
        }

        private static String text(JsonParser p) throws IOException {
            if (p.currentToken() == JsonToken.VALUE_NULL) {
                return null;
            }
            if (p.currentToken() != JsonToken.VALUE_STRING) {
                throw new IOException("expected a string at " + p.currentName());
            }
            return p.getText();
        }

        private static long number(JsonParser p) throws IOException {
            return p.currentToken().isNumeric() ? p.getLongValue() : 0;
        }

        /** The current value as JSON text, copied without building a tree. */
        private static String raw(JsonParser p) throws IOException {
            SegmentedStringWriter out = new SegmentedStringWriter(Json.FACTORY._getBufferRecycler());
            try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
                g.copyCurrentStructure(p);
            }
            return out.getAndClear();
        }

        private static List<String> strings(JsonParser p) throws IOException {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                p.skipChildren();
                return List.of();
            }
            List<String> values = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                String v = text(p);
                if (v != null) {
                    values.add(v);
                }
            }
            return values;
        }

        private static Map<String, String> members(JsonParser p) throws IOException {
            Map<String, String> members = new LinkedHashMap<>();
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                return members;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String userId = p.currentName();
                String info = "null";
                if (p.nextToken() == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String field = p.currentName();
                        p.nextToken();
                        if (field.equals("user_info")) {
                            info = raw(p);
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
                members.put(userId, info);
            }
            return members;
        }

        private static Map<String, Long> counts(JsonParser p) throws IOException {
            Map<String, Long> counts = new LinkedHashMap<>();
            if (p.currentToken() != JsonToken.START_OBJECT) {
                p.skipChildren();
                return counts;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String channel = p.currentName();
                p.nextToken();
                counts.put(channel, number(p));
            }
            return counts;
        }
    }
}
