package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.AppSigner;
import io.sockudo.testkit.ClientFrames;

/** Subscribes test clients the way a Pusher client does, and checks the server's answers. */
final class Join {

    private static final AppSigner SIGNER = AppSigner.testApp();

    private Join() {
    }

    static void publicChannel(WsClient c, String channel) {
        c.send(ClientFrames.subscribe(channel));
        assertThat(c.next()).isEqualTo(Expected.succeeded(channel));
    }

    /** Joins a private (or private-encrypted, private-cache) channel with a valid signature. */
    static void privateChannel(WsClient c, String channel) {
        c.send(ClientFrames.subscribe(channel, SIGNER.channel(c.socketId(), channel)));
        assertThat(c.next()).isEqualTo(Expected.succeeded(channel));
    }

    /** Sends a correctly signed presence subscription; returns the server's next frame. */
    static String presence(WsClient c, String channel, String channelData) {
        c.send(ClientFrames.subscribe(channel, SIGNER.presence(c.socketId(), channel, channelData), channelData));
        return c.next();
    }

    /**
     * Reads a refused subscription's two frames, {@code pusher:subscription_error} and then
     * {@code pusher:error} with the same message, and checks that the connection stayed up.
     * Returns the message.
     */
    static String refused(WsClient c, String channel, String type, int status, int code) {
        String message = Expected.subscriptionError(c.next(), channel, type, status);
        String error = c.next();
        assertThat(Expected.error(error, code)).as("pusher:error message").isEqualTo(message);
        stillUp(c);
        return message;
    }

    /** The connection still answers: a ping gets the next frame, a pong. */
    static void stillUp(WsClient c) {
        c.send(ClientFrames.ping());
        assertThat(c.next()).isEqualTo(Expected.PONG);
        assertThat(c.isClosed()).isFalse();
    }
}
