package io.sockudo.bench.load;

import io.sockudo.testkit.ws.ClientFrameWriter;
import io.sockudo.testkit.ws.Opcode;
import io.sockudo.testkit.ws.ServerFrameReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One selector thread driving many clients: non-blocking connects, the upgrade, RFC 6455 frames
 * in and out, and the Pusher events the generator reacts to. Every socket read lands in one
 * shared array; frames are classified in place ({@link FrameScanner}) and only a frame split
 * across reads is copied aside. Other threads talk to the loop by posting tasks.
 */
final class ClientLoop implements Runnable {

    /** What the run does when a client reaches a state. Called on the loop thread. */
    interface Listener {
        default void established(Client c) {
        }

        default void subscribed(Client c) {
        }

        /** The socket is closed, for whatever reason; {@code byUs} when we closed it. */
        default void ended(Client c, boolean byUs) {
        }
    }

    /** Where clients connect and how they authenticate. */
    record Target(InetSocketAddress address, byte[] handshake, boolean baseline, String key, String secret) {
    }

    /** The largest server frame the generator accepts; larger ones fail the connection. */
    static final int READ_BUFFER = 1 << 20;
    private static final int MAX_HANDSHAKE = 8192;
    private static final long CLOSE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final byte[] HEADER_END = FrameScanner.ascii("\r\n\r\n");
    private static final byte[] STATUS_101 = FrameScanner.ascii("HTTP/1.1 101");
    private static final byte[] ACCEPT = FrameScanner.ascii(ClientFrames.ACCEPT);

    private final Selector selector;
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
    private final ByteBuffer readBuffer = ByteBuffer.allocate(READ_BUFFER);
    private final byte[] read = readBuffer.array();
    /** Keeps the last header in its fields: scanning frames allocates nothing. */
    private final ServerFrameReader frameReader = new ServerFrameReader(READ_BUFFER - 16);
    private final Target target;
    private final Tally tally;
    private final LoopStats stats = new LoopStats();
    private final long timeoutNanos;
    private volatile Listener listener = new Listener() { };
    /** Presence runs: when user {@code u<i>} joined or left, in epoch micros; null otherwise. */
    private volatile AtomicLongArray memberSentAt;
    private volatile boolean running = true;
    private Thread thread;
    private long lastSweep;

    ClientLoop(Target target, Tally tally, long timeoutNanos) throws IOException {
        this.selector = Selector.open();
        this.target = target;
        this.tally = tally;
        this.timeoutNanos = timeoutNanos;
    }

    void listener(Listener l) {
        this.listener = l;
    }

    void memberSentAt(AtomicLongArray times) {
        this.memberSentAt = times;
    }

    Thread start(String name) {
        thread = new Thread(this, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /**
     * Runs a task on the loop thread, always later, never inside the caller: a listener that
     * reopens or closes a client must not change it under the frame handler that called it.
     */
    void execute(Runnable task) {
        tasks.add(task);
        if (Thread.currentThread() != thread) {
            selector.wakeup();
        }
    }

    @Override
    public void run() {
        try {
            while (running) {
                if (tasks.isEmpty()) {
                    selector.select(100);
                } else {
                    selector.selectNow();
                }
                for (Runnable t; (t = tasks.poll()) != null; ) {
                    t.run();
                }
                var keys = selector.selectedKeys();
                for (SelectionKey k : keys) {
                    handle(k);
                }
                keys.clear();
                long now = System.nanoTime();
                if (now - lastSweep > 250_000_000L) {
                    lastSweep = now;
                    sweep(now);
                }
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            for (SelectionKey k : selector.keys()) {
                if (k.attachment() instanceof Client c) {
                    quietClose(c);
                }
            }
            try {
                selector.close();
            } catch (IOException ignored) {
                // the process is ending
            }
        }
    }

    void stop() {
        running = false;
        selector.wakeup();
    }

    void awaitStop(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ================================================================ commands (loop thread)

    /** Opens the client's socket, bound to {@code source} when given. */
    void open(Client c, InetAddress source) {
        execute(() -> doOpen(c, source));
    }

    void subscribe(Client c) {
        execute(() -> doSubscribe(c));
    }

    void unsubscribe(Client c) {
        execute(() -> {
            if (c.state == Client.SUBSCRIBED) {
                AtomicLongArray times = memberSentAt;
                if (times != null && c.id < times.length()) {
                    times.set(c.id, EpochMicros.now());
                }
                send(c, ClientFrames.text(ClientFrames.unsubscribe(c.channel)));
                c.state = Client.ESTABLISHED;
            }
        });
    }

    /** Closes the client: with the close handshake, or abruptly with a reset. */
    void close(Client c, boolean graceful) {
        execute(() -> doClose(c, graceful));
    }

    /** The counters now; with {@code reset}, latency histograms start over. */
    CompletableFuture<LoopStats.Snapshot> snapshot(boolean reset) {
        CompletableFuture<LoopStats.Snapshot> f = new CompletableFuture<>();
        execute(() -> f.complete(stats.snapshot(reset)));
        return f;
    }

    /** Deliveries, member added, member removed: cheap to poll while waiting for a drain. */
    CompletableFuture<long[]> progress() {
        CompletableFuture<long[]> f = new CompletableFuture<>();
        execute(() -> f.complete(new long[] {
            stats.deliveries[0] + stats.deliveries[1], stats.memberAdded, stats.memberRemoved}));
        return f;
    }

    /** Presence views of this loop's clients: subscribed count, sum of initial views, count seeing {@code expected}. */
    CompletableFuture<long[]> views(int expected) {
        CompletableFuture<long[]> f = new CompletableFuture<>();
        execute(() -> {
            long subscribed = 0;
            long initial = 0;
            long complete = 0;
            for (SelectionKey k : selector.keys()) {
                if (k.attachment() instanceof Client c && c.state == Client.SUBSCRIBED) {
                    subscribed++;
                    initial += c.initialView;
                    if (c.view == expected) {
                        complete++;
                    }
                }
            }
            f.complete(new long[] {subscribed, initial, complete});
        });
        return f;
    }

    /** Subscribed clients whose presence view is not {@code expected}: "u7 sees 19 (joined seeing 3)". */
    CompletableFuture<List<String>> incompleteViews(int expected) {
        CompletableFuture<List<String>> f = new CompletableFuture<>();
        execute(() -> {
            List<String> out = new ArrayList<>();
            for (SelectionKey k : selector.keys()) {
                if (k.attachment() instanceof Client c && c.state == Client.SUBSCRIBED && c.view != expected) {
                    out.add("u" + c.id + " sees " + c.view + " (joined seeing " + c.initialView + ")");
                }
            }
            f.complete(out);
        });
        return f;
    }

    /** How many of this loop's clients are subscribed, per channel index ({@code id mod channels}). */
    CompletableFuture<int[]> subscribedPerChannel(int channels) {
        CompletableFuture<int[]> f = new CompletableFuture<>();
        execute(() -> {
            int[] counts = new int[channels];
            for (SelectionKey k : selector.keys()) {
                if (k.attachment() instanceof Client c && c.state == Client.SUBSCRIBED) {
                    counts[c.id % channels]++;
                }
            }
            f.complete(counts);
        });
        return f;
    }

    private void doOpen(Client c, InetAddress source) {
        c.reset();
        c.openedAt = System.nanoTime();
        c.since = c.openedAt;
        c.state = Client.CONNECTING;
        tally.opened.incrementAndGet();
        SocketChannel ch = null;
        try {
            ch = SocketChannel.open();
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

    private void connected(Client c) {
        c.state = Client.UPGRADING;
        c.since = System.nanoTime();
        c.key.interestOps(SelectionKey.OP_READ);
        send(c, target.handshake());
    }

    private void doSubscribe(Client c) {
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
        }
        AtomicLongArray times = memberSentAt;
        if (times != null && c.id < times.length()) {
            times.set(c.id, EpochMicros.now());
        }
        c.state = Client.SUBSCRIBING;
        c.since = System.nanoTime();
        send(c, ClientFrames.text(ClientFrames.subscribe(c.channel, c.socketId, target.key(), target.secret(), "u" + c.id)));
    }

    private void doClose(Client c, boolean graceful) {
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

    // ================================================================ events

    private void handle(SelectionKey k) {
        Client c = (Client) k.attachment();
        try {
            if (!k.isValid()) {
                return;
            }
            if (k.isConnectable()) {
                try {
                    c.socket.finishConnect();
                } catch (IOException e) {
                    fail(c, Tally.Failure.CONNECT, e.getMessage());
                    return;
                }
                connected(c);
                return;
            }
            if (k.isWritable()) {
                flush(c);
            }
            if (k.isValid() && k.isReadable()) {
                readable(c);
            }
        } catch (CancelledKeyException e) {
            // closed while handling; nothing left to do
        }
    }

    private void readable(Client c) {
        int pos = 0;
        if (c.carry != null) {
            System.arraycopy(c.carry, 0, read, 0, c.carry.length);
            pos = c.carry.length;
            c.carry = null;
        }
        readBuffer.limit(read.length).position(pos);
        int n;
        try {
            n = c.socket.read(readBuffer);
        } catch (IOException e) {
            n = -1;
        }
        if (n < 0) {
            endOfStream(c);
            return;
        }
        stats.wireBytes[c.group] += n;
        int end = pos + n;
        int p = 0;
        if (c.state == Client.UPGRADING) {
            p = upgrade(c, end);
            if (p < 0) {
                return;
            }
        }
        p = frames(c, p, end);
        if (c.state == Client.CLOSED) {
            return;
        }
        if (p < end) {
            if (p == 0 && end == read.length) {
                fail(c, Tally.Failure.PROTOCOL, "a frame larger than " + READ_BUFFER + " bytes");
                return;
            }
            c.carry = java.util.Arrays.copyOfRange(read, p, end);
        }
    }

    /** Reads the 101 answer; returns where frames start, or -1 when it is incomplete or refused. */
    private int upgrade(Client c, int end) {
        int headerEnd = FrameScanner.indexOf(read, 0, end, HEADER_END);
        if (headerEnd < 0) {
            if (end >= MAX_HANDSHAKE) {
                fail(c, Tally.Failure.HANDSHAKE, "no end of headers");
            } else {
                c.carry = java.util.Arrays.copyOf(read, end);
            }
            return -1;
        }
        if (FrameScanner.indexOf(read, 0, STATUS_101.length, STATUS_101) != 0
                || FrameScanner.indexOf(read, 0, headerEnd, ACCEPT) < 0) {
            int lineEnd = FrameScanner.indexOf(read, 0, headerEnd + 2, FrameScanner.ascii("\r\n"));
            fail(c, Tally.Failure.HANDSHAKE, new String(read, 0, Math.max(0, lineEnd), StandardCharsets.ISO_8859_1));
            return -1;
        }
        if (target.baseline()) {
            established(c, null);
            if (c.state == Client.CLOSED) {
                return -1;
            }
        } else {
            c.state = Client.OPEN;
        }
        return headerEnd + HEADER_END.length;
    }

    /** Handles every complete frame in {@code read[p, end)}; returns where the incomplete rest starts. */
    private int frames(Client c, int p, int end) {
        while (c.state != Client.CLOSED) {
            int next = frameReader.frame(read, p, end);
            if (next == ServerFrameReader.INCOMPLETE) {
                break;
            }
            if (next < 0) {
                fail(c, Tally.Failure.PROTOCOL, frameReader.problem(next));
                return end;
            }
            frame(c, frameReader.opcode(), p + frameReader.headerLength(), frameReader.payloadLength());
            p = next;
        }
        return p;
    }

    private void frame(Client c, int opcode, int off, int len) {
        switch (opcode) {
            case Opcode.TEXT -> text(c, off, len);
            case Opcode.CLOSE -> closeFrame(c, off, len);
            case Opcode.PING -> send(c, ClientFrameWriter.frame(Opcode.PONG, read, off, len));
            default -> stats.otherFrames++;
        }
    }

    private void text(Client c, int off, int len) {
        stats.textFrames[c.group]++;
        switch (FrameScanner.kind(read, off, len)) {
            case APP_EVENT -> {
                long now = System.nanoTime();
                stats.delivered(c.group, len, now);
                long ts = FrameScanner.timestampMicros(read, off, len);
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
                send(c, ClientFrames.text(ClientFrames.PUSHER_PONG));
            }
            case ESTABLISHED -> {
                if (c.state == Client.OPEN) {
                    established(c, FrameScanner.socketId(read, off, len));
                }
            }
            case SUBSCRIBED -> {
                if (c.state == Client.SUBSCRIBING) {
                    c.state = Client.SUBSCRIBED;
                    int count = FrameScanner.presenceCount(read, off, len);
                    c.view = Math.max(count, 0);
                    c.initialView = c.view;
                    LoopStats.record(stats.subscribeLatency, (System.nanoTime() - c.since) / 1_000);
                    tally.subscribed.incrementAndGet();
                    listener.subscribed(c);
                }
            }
            case MEMBER_ADDED -> {
                stats.memberAdded++;
                early(c, "member_added");
                c.view++;
                memberLatency(off, len);
            }
            case MEMBER_REMOVED -> {
                stats.memberRemoved++;
                early(c, "member_removed");
                c.view--;
                memberLatency(off, len);
            }
            case SUBSCRIPTION_ERROR -> {
                if (c.state == Client.SUBSCRIBING) {
                    fail(c, Tally.Failure.SUBSCRIBE_REFUSED, excerpt(off, len));
                } else {
                    tally.note("subscription_error after subscribing: " + excerpt(off, len));
                }
            }
            case ERROR -> {
                int code = FrameScanner.errorCode(read, off, len);
                if (c.state < Client.SUBSCRIBED && c.state != Client.ESTABLISHED) {
                    fail(c, Tally.Failure.PUSHER_ERROR, Integer.toString(code));
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

    private void memberLatency(int off, int len) {
        AtomicLongArray times = memberSentAt;
        if (times == null) {
            return;
        }
        int user = FrameScanner.userIndex(read, off, len);
        if (user >= 0 && user < times.length()) {
            long sent = times.get(user);
            if (sent > 0) {
                LoopStats.record(stats.memberLatency, EpochMicros.now() - sent);
            }
        }
    }

    private void established(Client c, String socketId) {
        c.state = Client.ESTABLISHED;
        c.socketId = socketId;
        LoopStats.record(stats.connectLatency, (System.nanoTime() - c.openedAt) / 1_000);
        tally.established.incrementAndGet();
        listener.established(c);
    }

    private void closeFrame(Client c, int off, int len) {
        int code = len >= 2 ? ((read[off] & 0xFF) << 8) | (read[off + 1] & 0xFF) : 1005;
        if (c.state == Client.CLOSING) {
            end(c, true);
            return;
        }
        send(c, ClientFrames.close(code == 1005 ? 1000 : code));
        serverEnded(c, "close " + code);
    }

    private void endOfStream(Client c) {
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

    private void fail(Client c, Tally.Failure why, String detail) {
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

    private static void quietClose(Client c) {
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
    private void sweep(long now) {
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
                    fail(c, Tally.Failure.TIMEOUT, stateName(c.state));
                }
            }
        }
    }

    // ================================================================ writing

    private void send(Client c, byte[] frame) {
        if (c.socket == null || c.state == Client.CLOSED) {
            return;
        }
        if (c.pending != null) {
            ByteBuffer joined = ByteBuffer.allocate(c.pending.remaining() + frame.length);
            joined.put(c.pending).put(frame).flip();
            c.pending = joined;
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(frame);
        try {
            c.socket.write(b);
        } catch (IOException e) {
            serverEnded(c, "write failed: " + e.getMessage());
            return;
        }
        if (b.hasRemaining()) {
            c.pending = b;
            c.key.interestOps(c.key.interestOps() | SelectionKey.OP_WRITE);
        }
    }

    private void flush(Client c) {
        if (c.pending == null) {
            c.key.interestOps(SelectionKey.OP_READ);
            return;
        }
        try {
            c.socket.write(c.pending);
        } catch (IOException e) {
            serverEnded(c, "write failed: " + e.getMessage());
            return;
        }
        if (!c.pending.hasRemaining()) {
            c.pending = null;
            c.key.interestOps(SelectionKey.OP_READ);
        }
    }

    private String excerpt(int off, int len) {
        return new String(read, off, Math.min(len, 160), StandardCharsets.UTF_8);
    }

    private static String stateName(byte state) {
        return switch (state) {
            case Client.CONNECTING -> "waiting for the TCP connect";
            case Client.UPGRADING -> "waiting for the 101 answer";
            case Client.OPEN -> "waiting for pusher:connection_established";
            case Client.SUBSCRIBING -> "waiting for subscription_succeeded";
            default -> "state " + state;
        };
    }
}
