package io.sockudo.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import io.sockudo.protocol.filter.Tags;
import java.util.Collection;
import java.util.List;

/**
 * Every frame the server sends, byte for byte as Pusher sends it. Whether {@code data} is an
 * object or a JSON-encoded string differs per event (connection_established, subscription
 * events and member events carry strings; errors and sign-in carry objects), and stock clients
 * depend on it, so each shape is pinned here and nowhere else.
 */
public final class ServerFrames {

    private static final byte[] PING = bytes("{\"event\":\"pusher:ping\",\"data\":{}}");
    private static final byte[] PONG = bytes("{\"event\":\"pusher:pong\",\"data\":{}}");

    private ServerFrames() {
    }

    public static byte[] connectionEstablished(String socketId, int activityTimeoutSeconds) {
        String data = new String(Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("socket_id", socketId);
            g.writeNumberField("activity_timeout", activityTimeoutSeconds);
            g.writeEndObject();
        }), StandardCharsets.UTF_8);
        return frame(PusherEvents.CONNECTION_ESTABLISHED, null, data);
    }

    /** The shared ping frame; callers must not modify it. */
    public static byte[] ping() {
        return PING;
    }

    /** The shared pong frame; callers must not modify it. */
    public static byte[] pong() {
        return PONG;
    }

    public static byte[] error(PusherError error) {
        return error(error, null);
    }

    /**
     * A {@code pusher:error} about something done on a channel (a refused client event): with
     * {@code channel} set, pusher-js also delivers it to the channel's {@code pusher:error} binding.
     *
     * @param channel the channel the refused message named, or null for a connection-level error
     */
    public static byte[] error(PusherError error, String channel) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("event", PusherEvents.ERROR);
            if (channel != null) {
                g.writeStringField("channel", channel);
            }
            g.writeObjectFieldStart("data");
            g.writeNumberField("code", error.code());
            g.writeStringField("message", error.message());
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /**
     * A refused subscription, on its channel, so that apps bound to the channel's
     * {@code pusher:subscription_error} learn of it.
     *
     * @param type   {@code AuthError}, {@code InvalidChannel}, {@code LimitReached}, ...
     * @param status an HTTP-like status (401 for auth) or the Pusher code
     */
    public static byte[] subscriptionError(String channel, String type, String error, int status) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("event", PusherEvents.SUBSCRIPTION_ERROR);
            g.writeStringField("channel", channel);
            g.writeObjectFieldStart("data");
            g.writeStringField("type", type);
            g.writeStringField("error", error);
            g.writeNumberField("status", status);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    public static byte[] subscriptionSucceeded(String channel) {
        return frame(PusherEvents.SUBSCRIPTION_SUCCEEDED, channel, "{}");
    }

    /** One member of a presence channel, as listed in {@code subscription_succeeded}. */
    public record Member(String userId, String userInfo) {
    }

    public static byte[] presenceSubscriptionSucceeded(String channel, Collection<Member> members) {
        String data = new String(Json.write(g -> {
            g.writeStartObject();
            g.writeObjectFieldStart("presence");
            g.writeArrayFieldStart("ids");
            for (Member m : members) {
                g.writeString(m.userId());
            }
            g.writeEndArray();
            g.writeObjectFieldStart("hash");
            for (Member m : members) {
                g.writeFieldName(m.userId());
                g.writeRawValue(m.userInfo());
            }
            g.writeEndObject();
            g.writeNumberField("count", members.size());
            g.writeEndObject();
            g.writeEndObject();
        }), StandardCharsets.UTF_8);
        return frame(PusherEvents.SUBSCRIPTION_SUCCEEDED, channel, data);
    }

    public static byte[] memberAdded(String channel, PresenceMember member) {
        return frame(PusherEvents.MEMBER_ADDED, channel,
                "{\"user_id\":" + member.userIdJson() + ",\"user_info\":" + member.userInfo() + "}");
    }

    public static byte[] memberRemoved(String channel, String userIdJson) {
        return frame(PusherEvents.MEMBER_REMOVED, channel, "{\"user_id\":" + userIdJson + "}");
    }

    public static byte[] cacheMiss(String channel) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("event", PusherEvents.CACHE_MISS);
            g.writeStringField("channel", channel);
            g.writeEndObject();
        });
    }

    public static byte[] subscriptionCount(String channel, long count) {
        return frame(PusherEvents.SUBSCRIPTION_COUNT, channel, "{\"subscription_count\":" + count + "}");
    }

    public static byte[] signinSuccess(String userData) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("event", PusherEvents.SIGNIN_SUCCESS);
            g.writeObjectFieldStart("data");
            g.writeStringField("user_data", userData);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /** One entry of a watchlist frame: {@code online} or {@code offline} and the users concerned. */
    public record WatchlistEvent(String name, List<String> userIds) {
    }

    public static byte[] watchlistEvents(List<WatchlistEvent> events) {
        String data = new String(Json.write(g -> {
            g.writeStartObject();
            g.writeArrayFieldStart("events");
            for (WatchlistEvent e : events) {
                g.writeStartObject();
                g.writeStringField("name", e.name());
                g.writeArrayFieldStart("user_ids");
                for (String id : e.userIds()) {
                    g.writeString(id);
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }), StandardCharsets.UTF_8);
        return frame(PusherEvents.WATCHLIST_EVENTS, null, data);
    }

    /**
     * An event published through the HTTP API: {@code data} is the publisher's string, verbatim.
     *
     * @param userIdJson the sending user's id as JSON, or null
     */
    public static byte[] channelEvent(String event, String channel, String data, String userIdJson) {
        return channelEvent(event, channel, data, userIdJson, null);
    }

    /**
     * An event published through the HTTP API, with the publisher's tags after {@code data}
     * (keys sorted, so the bytes are the same for the same tags whatever order they came in).
     *
     * @param tags the tags to show, or null to leave the field out
     */
    public static byte[] channelEvent(String event, String channel, String data, String userIdJson, Tags tags) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("event", event);
            if (channel != null) {
                g.writeStringField("channel", channel);
            }
            g.writeStringField("data", data);
            if (userIdJson != null) {
                g.writeFieldName("user_id");
                g.writeRawValue(userIdJson);
            }
            if (tags != null && !tags.isEmpty()) {
                g.writeFieldName("tags");
                tags.writeJson(g);
            }
            g.writeEndObject();
        });
    }

    /**
     * A client event relayed to the other subscribers: {@code data} exactly as the sender wrote it
     * (an object stays an object); on presence channels Pusher adds the sender's {@code user_id}.
     */
    public static byte[] clientEvent(String event, String channel, RawJson data, String userIdJson) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("event", event);
            g.writeStringField("channel", channel);
            if (data != null) {
                g.writeFieldName("data");
                data.writeTo(g);
            }
            if (userIdJson != null) {
                g.writeFieldName("user_id");
                g.writeRawValue(userIdJson);
            }
            g.writeEndObject();
        });
    }

    /** {@code {"event":E[,"channel":C],"data":"<data as a JSON string>"}}. */
    private static byte[] frame(String event, String channel, String data) {
        return Json.write(g -> writeFrame(g, event, channel, data));
    }

    private static void writeFrame(JsonGenerator g, String event, String channel, String data) throws IOException {
        g.writeStartObject();
        g.writeStringField("event", event);
        if (channel != null) {
            g.writeStringField("channel", channel);
        }
        g.writeStringField("data", data);
        g.writeEndObject();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
