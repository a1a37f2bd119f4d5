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

/** Every field any shape may carry, filled while reading; the shape is decided at the end. */
final class WireFields {
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
    String cachedEvent;
    long cacheTtlMs;
    Broadcast.EventInfo eventInfo;
    List<NodeCount> nodeCounts;

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
            case "cached_event" -> cachedEvent = text(p);
            case "cache_ttl_ms" -> cacheTtlMs = number(p);
            case "exists" -> exists = p.currentToken() == JsonToken.VALUE_TRUE;
            case "event_info" -> eventInfo = eventInfo(p);
            case "counts" -> nodeCounts = nodeCounts(p);
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
                case CHANNEL_COUNT_UPDATE, SOCKETS_COUNT_UPDATE, USER_CONNECTIONS_UPDATE -> count(type);
                case COUNTS_SYNC -> new NodeCounts(nodeCounts == null ? List.of() : nodeCounts);
                default -> new Request(require(requestId, "request_id"),
                        new Query(type, app, channel, socketId, userId, channels));
            };
        } else if (hasMessage) {
            m = new Broadcast(app, require(channel, "channel"), message, exceptSocketId, timestampMs, eventInfo);
        } else if (requestId != null) {
            m = new Response(requestId, new Answer(app, members, channelsWithSocketsCount, socketIds,
                    socketsCount, exists, channels, membersCount, cachedEvent, cacheTtlMs));
        } else {
            throw new IOException("neither a broadcast, a request nor a response");
        }
        return new Envelope(nodeId, m);
    }

    /** The count these fields carry, as a message of its own or an entry of a {@link NodeCounts}. */
    NodeCount count(RequestType type) throws IOException {
        String app = appId == null ? "" : appId;
        if (socketsCount < 0) {
            throw new IOException("a negative count");
        }
        return switch (type) {
            case CHANNEL_COUNT_UPDATE -> new NodeCount(NodeCount.Kind.CHANNEL_SOCKETS, app, require(channel, "channel"), socketsCount);
            case SOCKETS_COUNT_UPDATE -> new NodeCount(NodeCount.Kind.APP_CONNECTIONS, app, null, socketsCount);
            case USER_CONNECTIONS_UPDATE -> new NodeCount(NodeCount.Kind.USER_CONNECTIONS, app, require(userId, "user_id"), socketsCount);
            default -> throw new IOException("not a count: " + type.wireName());
        };
    }

    private static List<NodeCount> nodeCounts(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw new IOException("counts is an array");
        }
        List<NodeCount> out = new ArrayList<>();
        while (p.nextToken() == JsonToken.START_OBJECT) {
            WireFields f = new WireFields();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                p.nextToken();
                f.read(name, p);
            }
            RequestType type = RequestType.ofWireName(f.requestType == null ? "" : f.requestType);
            if (type == null) {
                throw new IOException("unknown count type " + f.requestType);
            }
            out.add(f.count(type));
        }
        return out;
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

    private static Broadcast.EventInfo eventInfo(JsonParser p) throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return null;
        }
        String name = null;
        String tags = null;
        boolean delta = false;
        String path = null;
        boolean omit = false;
        long cacheTtlMs = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "name" -> name = text(p);
                case "tags" -> tags = p.currentToken() == JsonToken.START_OBJECT ? raw(p) : skip(p);
                case "delta" -> delta = p.currentToken() == JsonToken.VALUE_TRUE;
                case "conflation_key_path" -> path = text(p);
                case "omit_delta_algorithm" -> omit = p.currentToken() == JsonToken.VALUE_TRUE;
                case "cache_ttl_ms" -> cacheTtlMs = p.currentToken() == JsonToken.VALUE_NUMBER_INT ? Math.max(0, p.getLongValue()) : 0;
                default -> p.skipChildren();
            }
        }
        return name == null ? null : new Broadcast.EventInfo(name, tags, delta, path, omit, cacheTtlMs);
    }

    private static String skip(JsonParser p) throws IOException {
        p.skipChildren();
        return null;
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
