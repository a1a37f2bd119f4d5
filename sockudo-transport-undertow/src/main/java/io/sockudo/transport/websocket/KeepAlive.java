package io.sockudo.transport.websocket;

import io.sockudo.protocol.PusherError;
import java.util.concurrent.TimeUnit;
import org.xnio.XnioExecutor;
import org.xnio.XnioIoThread;

/**
 * One socket's keep-alive ({@code websocket.auto_ping}, {@code ping_interval}, {@code idle_timeout}):
 * a socket silent for the ping interval gets a WebSocket ping, which every conforming client
 * answers with a pong; one silent for the idle timeout (pongs count as speech) is closed with
 * 4201, so a peer that vanished without a FIN does not hold its channels for ever. It runs on
 * the socket's I/O thread, as one timer per socket rescheduled for the next moment it has
 * something to decide.
 *
 * <p>Independent of the Pusher-level {@code activity_timeout} ({@code pusher:ping}), which the
 * engine keeps; a native pong also counts as activity there.
 */
final class KeepAlive implements Runnable {

    private static final long MIN_DELAY_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    /** One ping frame for every socket: server frames are unmasked, so the bytes are the same. */
    private static final io.sockudo.adapter.connection.Frame PING =
            WebSocketWireFormat.raw(WebSocketWireFormat.control(Opcode.PING, new byte[0], 0, 0));

    private final WebSocketConnection ws;
    private final XnioIoThread thread;
    private final long pingNanos;
    private final long idleNanos;
    private long lastReceived = System.nanoTime();
    private XnioExecutor.Key timer;

    private KeepAlive(WebSocketConnection ws, XnioIoThread thread, WebSocketOptions o) {
        this.ws = ws;
        this.thread = thread;
        this.pingNanos = o.autoPing() ? TimeUnit.MILLISECONDS.toNanos(o.pingIntervalMillis()) : Long.MAX_VALUE;
        this.idleNanos = o.idleTimeoutMillis() > 0 ? TimeUnit.MILLISECONDS.toNanos(o.idleTimeoutMillis()) : Long.MAX_VALUE;
    }

    /** Starts keeping a socket alive; null when neither pings nor an idle timeout are configured. */
    static KeepAlive start(WebSocketConnection ws, XnioIoThread thread, WebSocketOptions o) {
        if (!o.autoPing() && o.idleTimeoutMillis() == 0) {
            return null;
        }
        KeepAlive k = new KeepAlive(ws, thread, o);
        k.schedule(Math.min(k.pingNanos, k.idleNanos));
        return k;
    }

    /** The peer sent something (any bytes); called on the socket's thread. */
    void received(long nowNanos) {
        lastReceived = nowNanos;
    }

    void stop() {
        if (timer != null) {
            timer.remove();
            timer = null;
        }
    }

    @Override
    public void run() {
        timer = null;
        if (!ws.isOpen()) {
            return;
        }
        long silent = System.nanoTime() - lastReceived;
        if (silent >= idleNanos) {
            ws.close(PusherError.PONG_NOT_RECEIVED, "Pong reply not received in time");
            return;
        }
        if (silent >= pingNanos) {
            ws.send(PING);
        }
        long untilIdle = idleNanos == Long.MAX_VALUE ? Long.MAX_VALUE : idleNanos - silent;
        long untilPing = pingNanos == Long.MAX_VALUE ? Long.MAX_VALUE : silent >= pingNanos ? pingNanos : pingNanos - silent;
        schedule(Math.min(untilIdle, untilPing));
    }

    private void schedule(long delayNanos) {
        timer = thread.executeAfter(this, Math.max(delayNanos, MIN_DELAY_NANOS), TimeUnit.NANOSECONDS);
    }
}
