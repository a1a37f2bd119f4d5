package io.sockudo.bench.load;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What the generator does with each server text frame, read in place in the shared read array:
 * count and time deliveries, answer Pusher pings, and move the client on when the server
 * confirms a connection or a subscription. The frame is classified by {@link FrameScanner};
 * nothing here allocates on the delivery path.
 */
final class PusherEvents {

    private final ClientLifecycle lifecycle;
    private final Tally tally;
    private final LoopStats stats;

    PusherEvents(ClientLifecycle lifecycle, Tally tally, LoopStats stats) {
        this.lifecycle = lifecycle;
        this.tally = tally;
        this.stats = stats;
    }

    /** The text frame whose payload is {@code b[off, off + len)}. */
    void text(Client c, byte[] b, int off, int len) {
        stats.textFrames[c.group]++;
        switch (FrameScanner.kind(b, off, len)) {
            case APP_EVENT -> {
                stats.delivered(c.group, len, System.nanoTime());
                long ts = FrameScanner.timestampMicros(b, off, len);
                if (ts > 0) {
                    LoopStats.record(stats.deliveryLatency, EpochMicros.now() - ts);
                }
            }
            case DELTA -> {
                stats.delivered(c.group, len, System.nanoTime());
                stats.deltaFrames[c.group]++;
            }
            case PING -> {
                stats.pings++;
                lifecycle.send(c, ClientFrames.text(ClientFrames.PUSHER_PONG));
            }
            case ESTABLISHED -> {
                if (c.state == Client.OPEN) {
                    lifecycle.established(c, FrameScanner.socketId(b, off, len));
                }
            }
            case SUBSCRIBED -> {
                if (c.state == Client.SUBSCRIBING) {
                    lifecycle.subscribed(c, FrameScanner.presenceCount(b, off, len));
                }
            }
            case MEMBER_ADDED -> {
                stats.memberAdded++;
                early(c, "member_added");
                c.view++;
                memberLatency(b, off, len);
            }
            case MEMBER_REMOVED -> {
                stats.memberRemoved++;
                early(c, "member_removed");
                c.view--;
                memberLatency(b, off, len);
            }
            case SUBSCRIPTION_ERROR -> {
                if (c.state == Client.SUBSCRIBING) {
                    lifecycle.fail(c, Tally.Failure.SUBSCRIBE_REFUSED, excerpt(b, off, len));
                } else {
                    tally.note("subscription_error after subscribing: " + excerpt(b, off, len));
                }
            }
            case ERROR -> {
                int code = FrameScanner.errorCode(b, off, len);
                if (c.state < Client.SUBSCRIBED && c.state != Client.ESTABLISHED) {
                    lifecycle.fail(c, Tally.Failure.PUSHER_ERROR, Integer.toString(code));
                } else {
                    tally.note("pusher:error " + code);
                }
            }
            case DELTA_ENABLED, OTHER_PROTOCOL -> stats.otherFrames++;
        }
    }

    /** A member event before the subscription was confirmed breaks the protocol's order. */
    private void early(Client c, String event) {
        if (c.state == Client.SUBSCRIBING) {
            tally.note(event + " before subscription_succeeded");
        }
    }

    private void memberLatency(byte[] b, int off, int len) {
        AtomicLongArray times = lifecycle.memberSentAt();
        if (times == null) {
            return;
        }
        int user = FrameScanner.userIndex(b, off, len);
        if (user >= 0 && user < times.length()) {
            long sent = times.get(user);
            if (sent > 0) {
                LoopStats.record(stats.memberLatency, EpochMicros.now() - sent);
            }
        }
    }

    private static String excerpt(byte[] b, int off, int len) {
        return new String(b, off, Math.min(len, 160), StandardCharsets.UTF_8);
    }
}
