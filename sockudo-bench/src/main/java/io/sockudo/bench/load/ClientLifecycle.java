package io.sockudo.bench.load;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One client's way through its states ({@link Client}): connect, upgrade, established,
 * subscribe, close, and every way a connection can end, with the counts, latencies and listener
 * calls each step owes the run. Loop thread only; the loop and the read path drive it.
 */
final class ClientLifecycle {

    private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final Selector selector;
    private final ClientLoop.Target target;
    private final Tally tally;
    private final LoopStats stats;
    private final long timeoutNanos;
    private volatile ClientLoop.Listener listener = new ClientLoop.Listener() { };
    /** Presence runs: when user {@code u<i>} joined or left, in epoch micros; null otherwise. */
    private volatile AtomicLongArray memberSentAt;

    ClientLifecycle(Selector selector, ClientLoop.Target target, Tally tally, LoopStats stats, long timeoutNanos) {
        this.selector = selector;
        this.target = target;
        this.tally = tally;
        this.stats = stats;
        this.timeoutNanos = timeoutNanos;
    }

    void listener(ClientLoop.Listener l) {
        this.listener = l;
    }

    void memberSentAt(AtomicLongArray times) {
        this.memberSentAt = times;
    }

    AtomicLongArray memberSentAt() {
        return memberSentAt;
    }

    // ================================================================ opening

    /** Opens the client's socket, bound to {@code source} when given. */
    void open(Client c, InetAddress source) {
        c.reset();
        c.openedAt = System.nanoTime();
        c.since = c.openedAt;
        c.state = Client.CONNECTING;
        tally.opened.incrementAndGet();
        try {
            SocketChannel ch = SocketChannel.open();
            c.socket = ch;
            ch.configureBlocking(false);
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (source != null) {
                ch.bind(new InetSocketAddress(source, 0));
            }
            boolean connected = ch.connect(target.address());
            c.key = ch.register(selector, connected ? SelectionKey.OP_READ : SelectionKey.OP_CONNECT, c);
            if (connected) {
                connected(c);
            }
        } catch (IOException | RuntimeException e) {
            fail(c, Tally.Failure.CONNECT, e.getMessage());
        }
    }

    /** The selector says a pending connect is done, one way or the other. */
    void finishConnect(Client c) {
        try {
            c.socket.finishConnect();
        } catch (IOException e) {
            fail(c, Tally.Failure.CONNECT, e.getMessage());
            return;
        }
        connected(c);
    }

    private void connected(Client c) {
        c.state = Client.UPGRADING;
        c.since = System.nanoTime();
        c.key.interestOps(SelectionKey.OP_READ);
        send(c, target.handshake());
    }

    /** The server accepted the upgrade; the baseline sends no Pusher greeting, so it is established now. */
    void upgraded(Client c) {
        if (target.baseline()) {
            established(c, null);
        } else {
            c.state = Client.OPEN;
        }
    }

    void established(Client c, String socketId) {
        c.state = Client.ESTABLISHED;
        c.socketId = socketId;
        LoopStats.record(stats.connectLatency, (System.nanoTime() - c.openedAt) / 1_000);
        tally.established.incrementAndGet();
        listener.established(c);
    }

    // ================================================================ subscribing

    void subscribe(Client c) {
        if (c.state != Client.ESTABLISHED) {
            return;
        }
        if (target.baseline()) {
            // the baseline broadcasts to every socket: there is nothing to join
            c.state = Client.SUBSCRIBED;
            tally.subscribed.incrementAndGet();
            listener.subscribed(c);
            return;
        }
        if (c.group == 1) {
            send(c, ClientFrames.text(ClientFrames.ENABLE_DELTA));
            if (c.state == Client.CLOSED) {
                return;
            }
        }
        stampMember(c);
        c.state = Client.SUBSCRIBING;
        c.since = System.nanoTime();
        send(c, ClientFrames.text(ClientFrames.subscribe(c.channel, c.socketId, target.key(), target.secret(), "u" + c.id)));
    }

    /** {@code subscription_succeeded}, with the presence member count it reported (or -1). */
    void subscribed(Client c, int presenceCount) {
        c.state = Client.SUBSCRIBED;
        c.view = Math.max(presenceCount, 0);
        c.initialView = c.view;
        LoopStats.record(stats.subscribeLatency, (System.nanoTime() - c.since) / 1_000);
        tally.subscribed.incrementAndGet();
        listener.subscribed(c);
    }

    void unsubscribe(Client c) {
        if (c.state == Client.SUBSCRIBED) {
            stampMember(c);
            send(c, ClientFrames.text(ClientFrames.unsubscribe(c.channel)));
            c.state = Client.ESTABLISHED;
        }
    }

    /** Presence runs time member events from the moment user {@code u<id>} asked to join or leave. */
    private void stampMember(Client c) {
        AtomicLongArray times = memberSentAt;
        if (times != null && c.id < times.length()) {
            times.set(c.id, EpochMicros.now());
        }
    }

    // ================================================================ closing and ending

    /** Closes the client: with the close handshake, or abruptly with a reset. */
    void close(Client c, boolean graceful) {
        if (c.state == Client.CLOSED || c.state == Client.IDLE || c.state == Client.CLOSING) {
            return;
        }
        if (graceful && c.state >= Client.OPEN) {
            c.state = Client.CLOSING;
            c.since = System.nanoTime();
            send(c, ClientFrames.close(1000));
        } else {
            try {
                c.socket.setOption(StandardSocketOptions.SO_LINGER, 0);
            } catch (IOException | RuntimeException ignored) {
                // closing anyway
            }
            end(c, true);
        }
    }

    /** The server's close frame: the answer to ours, or its own close, which we echo. */
    void closeFrame(Client c, int code) {
        if (c.state == Client.CLOSING) {
            end(c, true);
            return;
        }
        send(c, ClientFrames.close(code == 1005 ? 1000 : code));
        serverEnded(c, "close " + code);
    }

    void endOfStream(Client c) {
        if (c.state == Client.CLOSING) {
            end(c, true);
        } else {
            serverEnded(c, "end of stream");
        }
    }

    /** The server ended the connection: a failure before subscribing, a loss after. */
    private void serverEnded(Client c, String how) {
        if (c.state == Client.SUBSCRIBED || c.state == Client.ESTABLISHED) {
            tally.lost.incrementAndGet();
            tally.note("lost: " + how);
            end(c, false);
        } else {
            fail(c, Tally.Failure.CLOSED, how);
        }
    }

    void fail(Client c, Tally.Failure why, String detail) {
        if (c.state == Client.CLOSED) {
            return;
        }
        tally.fail(why, detail);
        end(c, false);
    }

    private void end(Client c, boolean byUs) {
        if (c.state == Client.CLOSED) {
            return;
        }
        c.state = Client.CLOSED;
        quietClose(c);
        c.carry = null;
        c.pending = null;
        if (byUs) {
            tally.closedByUs.incrementAndGet();
        }
        listener.ended(c, byUs);
    }

    static void quietClose(Client c) {
        if (c.key != null) {
            c.key.cancel();
        }
        if (c.socket != null) {
            try {
                c.socket.close();
            } catch (IOException ignored) {
                // already gone
            }
        }
    }

    /** Gives up on clients that waited too long for the server. */
    void sweep(long now) {
        List<Client> late = null;
        for (SelectionKey k : selector.keys()) {
            if (k.attachment() instanceof Client c && c.isWaiting()) {
                long limit = c.state == Client.CLOSING ? CLOSE_WAIT_NANOS : timeoutNanos;
                if (now - c.since > limit) {
                    if (late == null) {
                        late = new ArrayList<>();
                    }
                    late.add(c);
                }
            }
        }
        if (late != null) {
            for (Client c : late) {
                if (c.state == Client.CLOSING) {
                    tally.note("close handshake timed out");
                    end(c, true);
                } else {
                    fail(c, Tally.Failure.TIMEOUT, waitingFor(c.state));
                }
            }
        }
    }

    private static String waitingFor(byte state) {
        return switch (state) {
            case Client.CONNECTING -> "waiting for the TCP connect";
            case Client.UPGRADING -> "waiting for the 101 answer";
            case Client.OPEN -> "waiting for pusher:connection_established";
            case Client.SUBSCRIBING -> "waiting for subscription_succeeded";
            default -> "state " + state;
        };
    }

    // ================================================================ writing

    void send(Client c, byte[] frame) {
        if (c.socket == null || c.state == Client.CLOSED) {
            return;
        }
        try {
            OutboundQueue.send(c, frame);
        } catch (IOException e) {
            serverEnded(c, "write failed: " + e.getMessage());
        }
    }

    void flush(Client c) {
        try {
            OutboundQueue.flush(c);
        } catch (IOException e) {
            serverEnded(c, "write failed: " + e.getMessage());
        }
    }
}
