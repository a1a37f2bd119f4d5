package io.sockudo.store.webhook;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sockudo.protocol.Json;
import io.sockudo.protocol.WebhookEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A batch as a queue outside the process keeps it: the app's id (the app itself, with its secret
 * and endpoints, is looked up again when the batch is taken), {@code time_ms}, the events.
 * {@code {"app_id":"1","time_ms":1700000000000,"events":[{"name":..,"channel":..,...}]}}.
 */
final class WebhookBatchCodec {

    /** A stored batch before its app is looked up. */
    record Stored(String appId, long timeMs, List<WebhookEvent> events) {
    }

    private WebhookBatchCodec() {
    }

    static String encode(WebhookBatch batch) {
        return new String(Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("app_id", batch.app().id());
            g.writeNumberField("time_ms", batch.timeMs());
            g.writeArrayFieldStart("events");
            for (WebhookEvent e : batch.events()) {
                write(g, e);
            }
            g.writeEndArray();
            g.writeEndObject();
        }), StandardCharsets.UTF_8);
    }

    private static void write(JsonGenerator g, WebhookEvent e) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", e.name());
        g.writeStringField("channel", e.channel());
        field(g, "user_id_json", e.userIdJson());
        field(g, "event", e.event());
        field(g, "data", e.data());
        field(g, "socket_id", e.socketId());
        g.writeNumberField("subscription_count", e.subscriptionCount());
        g.writeEndObject();
    }

    private static void field(JsonGenerator g, String name, String value) throws IOException {
        if (value != null) {
            g.writeStringField(name, value);
        }
    }

    /** @throws IllegalArgumentException when the text is not a stored batch */
    static Stored decode(String text) {
        try (JsonParser p = Json.parser(text)) {
            expect(p.nextToken(), JsonToken.START_OBJECT);
            String appId = null;
            long timeMs = 0;
            List<WebhookEvent> events = new ArrayList<>();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                switch (field) {
                    case "app_id" -> appId = p.getValueAsString();
                    case "time_ms" -> timeMs = p.getValueAsLong();
                    case "events" -> {
                        expect(v, JsonToken.START_ARRAY);
                        while (p.nextToken() == JsonToken.START_OBJECT) {
                            events.add(event(p));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (appId == null || events.isEmpty()) {
                throw new IllegalArgumentException("a stored webhook batch needs app_id and events");
            }
            return new Stored(appId, timeMs, events);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a stored webhook batch: " + e.getMessage(), e);
        }
    }

    private static WebhookEvent event(JsonParser p) throws IOException {
        String name = null;
        String channel = null;
        String userIdJson = null;
        String event = null;
        String data = null;
        String socketId = null;
        long count = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "name" -> name = p.getValueAsString();
                case "channel" -> channel = p.getValueAsString();
                case "user_id_json" -> userIdJson = p.getValueAsString();
                case "event" -> event = p.getValueAsString();
                case "data" -> data = p.getValueAsString();
                case "socket_id" -> socketId = p.getValueAsString();
                case "subscription_count" -> count = p.getValueAsLong();
                default -> p.skipChildren();
            }
        }
        if (name == null || channel == null) {
            throw new IllegalArgumentException("a stored webhook event needs name and channel");
        }
        return new WebhookEvent(name, channel, userIdJson, event, data, socketId, count);
    }

    private static void expect(JsonToken actual, JsonToken expected) {
        if (actual != expected) {
            throw new IllegalArgumentException("expected " + expected + ", got " + actual);
        }
    }
}
