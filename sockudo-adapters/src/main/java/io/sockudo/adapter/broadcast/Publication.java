package io.sockudo.adapter.broadcast;

import io.sockudo.adapter.connection.Frame;
import io.sockudo.protocol.SocketId;

/**
 * An event on its way to the local subscribers of one channel: the frame, built once, and who
 * must not get it.
 *
 * @param channel         the channel
 * @param frame           the frame every recipient shares
 * @param except          the socket to skip (the publisher's own, for client events and {@code socket_id}), or null
 * @param presenceVersion for presence member events, the roster version of the change; subscribers whose
 *                        member list already reflects it are skipped. 0 for other events.
 */
public record Publication(String channel, Frame frame, SocketId except, long presenceVersion) {

    public static Publication of(String channel, Frame frame, SocketId except) {
        return new Publication(channel, frame, except, 0);
    }
}
