package io.sockudo.testkit;

/** The frames a Pusher client sends, written out as JSON text. */
public final class ClientFrames {

    private ClientFrames() {
    }

    public static String ping() {
        return "{\"event\":\"pusher:ping\",\"data\":{}}";
    }

    public static String pong() {
        return "{\"event\":\"pusher:pong\",\"data\":{}}";
    }

    public static String subscribe(String channel) {
        return "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":" + JsonTree.quote(channel) + "}}";
    }

    public static String subscribe(String channel, String auth) {
        return "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":" + JsonTree.quote(channel)
                + ",\"auth\":" + JsonTree.quote(auth) + "}}";
    }

    /** A presence subscription; {@code channelData} is the JSON text, sent as a string. */
    public static String subscribe(String channel, String auth, String channelData) {
        return "{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":" + JsonTree.quote(channel)
                + ",\"auth\":" + JsonTree.quote(auth) + ",\"channel_data\":" + JsonTree.quote(channelData) + "}}";
    }

    public static String unsubscribe(String channel) {
        return "{\"event\":\"pusher:unsubscribe\",\"data\":{\"channel\":" + JsonTree.quote(channel) + "}}";
    }

    /** A client event; {@code dataJson} is inserted as it is (an object, a string literal, ...). */
    public static String clientEvent(String event, String channel, String dataJson) {
        return "{\"event\":" + JsonTree.quote(event) + ",\"channel\":" + JsonTree.quote(channel) + ",\"data\":" + dataJson + "}";
    }

    public static String signin(String userData, String auth) {
        return "{\"event\":\"pusher:signin\",\"data\":{\"user_data\":" + JsonTree.quote(userData)
                + ",\"auth\":" + JsonTree.quote(auth) + "}}";
    }
}
