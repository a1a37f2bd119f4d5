package io.sockudo.protocol;

/** The data of {@code pusher:unsubscribe}. */
public record UnsubscribeRequest(String channel) {

    public static UnsubscribeRequest from(ClientMessage message) {
        return new UnsubscribeRequest(DataFields.of(message.data(), PusherEvents.UNSUBSCRIBE).requiredString("channel"));
    }
}
