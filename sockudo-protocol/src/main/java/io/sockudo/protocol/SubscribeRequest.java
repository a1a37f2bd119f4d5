package io.sockudo.protocol;

/**
 * The data of {@code pusher:subscribe}.
 *
 * @param channel     the channel to join
 * @param auth        {@code "<key>:<signature>"} for private and presence channels, else null
 * @param channelData the presence member JSON exactly as signed, else null
 * @param filter      a tag filter ({@code filter} or {@code tags_filter}), raw, or null
 * @param delta       the per-subscription delta compression setting, raw, or null
 */
public record SubscribeRequest(String channel, String auth, String channelData, RawJson filter, RawJson delta) {

    public static SubscribeRequest from(ClientMessage message) {
        DataFields d = DataFields.of(message.data(), PusherEvents.SUBSCRIBE);
        RawJson filter = d.raw("filter");
        if (filter == null) {
            filter = d.raw("tags_filter");
        }
        return new SubscribeRequest(d.requiredString("channel"), d.string("auth"), d.string("channel_data"), filter, d.raw("delta"));
    }
}
