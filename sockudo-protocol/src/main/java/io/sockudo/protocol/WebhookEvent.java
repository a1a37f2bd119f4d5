package io.sockudo.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.List;

/**
 * One event of a Pusher webhook body, in Pusher's shape:
 * <ul>
 *   <li>{@code {"name":"channel_occupied","channel":"c"}}, {@code channel_vacated} alike;</li>
 *   <li>{@code {"name":"member_added","channel":"presence-c","user_id":"1"}}, {@code member_removed} alike;</li>
 *   <li>{@code {"name":"client_event","channel":"private-c","event":"client-x","data":"{...}","socket_id":"1.2","user_id":"1"}},
 *       with {@code user_id} only on presence channels;</li>
 *   <li>{@code {"name":"cache_miss","channel":"cache-c"}};</li>
 *   <li>{@code {"name":"subscription_count","channel":"c","subscription_count":2}}.</li>
 * </ul>
 *
 * @param name              the event type
 * @param channel           the channel concerned
 * @param userIdJson        the user id as JSON (string or integer), or null
 * @param event             the client event name, or null
 * @param data              the client event data as a string, or null
 * @param socketId          the sending socket, or null
 * @param subscriptionCount the new count for {@code subscription_count}, or -1
 */
public record WebhookEvent(String name, String channel, String userIdJson, String event, String data, String socketId,
                           long subscriptionCount) {

    public static final String CHANNEL_OCCUPIED = "channel_occupied";
    public static final String CHANNEL_VACATED = "channel_vacated";
    public static final String MEMBER_ADDED = "member_added";
    public static final String MEMBER_REMOVED = "member_removed";
    public static final String CLIENT_EVENT = "client_event";
    public static final String CACHE_MISS = "cache_miss";
    public static final String SUBSCRIPTION_COUNT = "subscription_count";

    public static WebhookEvent channelOccupied(String channel) {
        return new WebhookEvent(CHANNEL_OCCUPIED, channel, null, null, null, null, -1);
    }

    public static WebhookEvent channelVacated(String channel) {
        return new WebhookEvent(CHANNEL_VACATED, channel, null, null, null, null, -1);
    }

    public static WebhookEvent memberAdded(String channel, String userIdJson) {
        return new WebhookEvent(MEMBER_ADDED, channel, userIdJson, null, null, null, -1);
    }

    public static WebhookEvent memberRemoved(String channel, String userIdJson) {
        return new WebhookEvent(MEMBER_REMOVED, channel, userIdJson, null, null, null, -1);
    }

    public static WebhookEvent clientEvent(String channel, String event, String data, String socketId, String userIdJson) {
        return new WebhookEvent(CLIENT_EVENT, channel, userIdJson, event, data, socketId, -1);
    }

    public static WebhookEvent cacheMiss(String channel) {
        return new WebhookEvent(CACHE_MISS, channel, null, null, null, null, -1);
    }

    public static WebhookEvent subscriptionCount(String channel, long count) {
        return new WebhookEvent(SUBSCRIPTION_COUNT, channel, null, null, null, null, count);
    }

    public void writeJson(JsonGenerator g) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeStringField("channel", channel);
        if (event != null) {
            g.writeStringField("event", event);
        }
        if (data != null) {
            g.writeStringField("data", data);
        }
        if (socketId != null) {
            g.writeStringField("socket_id", socketId);
        }
        if (userIdJson != null) {
            g.writeFieldName("user_id");
            g.writeRawValue(userIdJson);
        }
        if (subscriptionCount >= 0) {
            g.writeNumberField("subscription_count", subscriptionCount);
        }
        g.writeEndObject();
    }

    /** A webhook request body: {@code {"time_ms":...,"events":[...]}}, compact JSON. */
    public static byte[] body(long timeMs, List<WebhookEvent> events) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeNumberField("time_ms", timeMs);
            g.writeArrayFieldStart("events");
            for (WebhookEvent e : events) {
                e.writeJson(g);
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }
}
