package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.testkit.JsonTree;
import java.util.Map;

/** The server frames the project's decisions fix byte for byte, and checks of the others. */
final class Expected {

    static final String PING = "{\"event\":\"pusher:ping\",\"data\":{}}";
    static final String PONG = "{\"event\":\"pusher:pong\",\"data\":{}}";
    static final String ESTABLISHED_PATTERN =
            "\\{\"event\":\"pusher:connection_established\",\"data\":\"\\{\\\\\"socket_id\\\\\":\\\\\"\\d+\\.\\d+\\\\\",\\\\\"activity_timeout\\\\\":%d}\"}";

    private Expected() {
    }

    /** {@code pusher_internal:subscription_succeeded} of a non-presence channel. */
    static String succeeded(String channel) {
        return "{\"event\":\"pusher_internal:subscription_succeeded\",\"channel\":" + JsonTree.quote(channel) + ",\"data\":\"{}\"}";
    }

    static String cacheMiss(String channel) {
        return "{\"event\":\"pusher:cache_miss\",\"channel\":" + JsonTree.quote(channel) + "}";
    }

    /** A server event as published through the HTTP API: data is the publisher's string. */
    static String event(String event, String channel, String data) {
        return "{\"event\":" + JsonTree.quote(event) + ",\"channel\":" + JsonTree.quote(channel) + ",\"data\":" + JsonTree.quote(data) + "}";
    }

    static String subscriptionCount(String channel, int count) {
        return "{\"event\":\"pusher_internal:subscription_count\",\"channel\":" + JsonTree.quote(channel)
                + ",\"data\":\"{\\\"subscription_count\\\":" + count + "}\"}";
    }

    /**
     * Checks a {@code pusher:error} frame: {@code {"event":"pusher:error","data":{"code":C,"message":M}}}
     * with data an object. Returns the message.
     */
    static String error(String frame, int code) {
        Map<String, Object> f = JsonTree.object(frame);
        assertThat(f.get("event")).as("event of %s", frame).isEqualTo("pusher:error");
        assertThat(f.get("data")).as("data of %s is an object", frame).isInstanceOf(Map.class);
        assertThat(JsonTree.at(f, "data", "code")).as("code of %s", frame).isEqualTo((long) code);
        Object message = JsonTree.at(f, "data", "message");
        assertThat(message).as("message of %s", frame).isInstanceOf(String.class);
        return (String) message;
    }

    /**
     * Checks a {@code pusher:subscription_error} frame and returns its error message:
     * {@code {"event":"pusher:subscription_error","channel":C,"data":{"type":T,"error":msg,"status":S}}}.
     */
    static String subscriptionError(String frame, String channel, String type, int status) {
        Map<String, Object> f = JsonTree.object(frame);
        assertThat(f.get("event")).as("event of %s", frame).isEqualTo("pusher:subscription_error");
        assertThat(f.get("channel")).as("channel of %s", frame).isEqualTo(channel);
        assertThat(JsonTree.at(f, "data", "type")).as("type of %s", frame).isEqualTo(type);
        assertThat(JsonTree.at(f, "data", "status")).as("status of %s", frame).isEqualTo((long) status);
        Object message = JsonTree.at(f, "data", "error");
        assertThat(message).as("error of %s", frame).isInstanceOf(String.class);
        return (String) message;
    }
}
