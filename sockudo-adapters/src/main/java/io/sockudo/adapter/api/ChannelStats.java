package io.sockudo.adapter.api;

/**
 * Attributes of a channel the HTTP API reports.
 *
 * @param subscriptionCount sockets subscribed, or -1 when not asked for
 * @param userCount         distinct presence users, or -1 when not asked for or not a presence channel
 */
public record ChannelStats(int subscriptionCount, int userCount) {

    public static final ChannelStats NONE = new ChannelStats(-1, -1);
}
