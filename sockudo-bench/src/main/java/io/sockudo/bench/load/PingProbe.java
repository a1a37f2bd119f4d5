package io.sockudo.bench.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.Histogram;

/**
 * One more client that sends a WebSocket ping every interval and records how long the pong
 * takes: while the server is busy with something else (thousands of closes at once), the round
 * trip shows how long its I/O threads were unavailable to everyone else. A ping that has not
 * come back when the next is due counts with the time it has been waiting, so a stall is never
 * hidden by a missing answer.
 */
final class PingProbe implements AutoCloseable {

    private final WebSocket socket;
    private final Recorder rtt = new Recorder(3);
    private final Thread pinger;
    private volatile long sentAt;
    private volatile boolean running = true;

    PingProbe(LoadOptions.Target target, Duration interval) {
        URI uri = URI.create("ws://" + target.host() + ":" + target.port() + "/app/" + target.key() + "?protocol=7&client=probe");
        this.socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(uri, new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
                        long s = sentAt;
                        if (s != 0) {
                            rtt.recordValue(Math.max(1, (System.nanoTime() - s) / 1000));
                            sentAt = 0;
                        }
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        ws.request(1);
                        return null;
                    }
                }).join();
        this.pinger = new Thread(() -> {
            while (running) {
                long s = sentAt;
                long now = System.nanoTime();
                if (s == 0) {
                    sentAt = now;
                    socket.sendPing(ByteBuffer.wrap(new byte[] {1}));
                } else if (now - s > interval.toNanos()) {
                    // still waiting: the stall so far is a sample too
                    rtt.recordValue(Math.max(1, (now - s) / 1000));
                }
                try {
                    TimeUnit.NANOSECONDS.sleep(interval.toNanos());
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "ping-probe");
        pinger.setDaemon(true);
        pinger.start();
    }

    /** Round trips (microseconds) since the last call. */
    Histogram interval() {
        return rtt.getIntervalHistogram();
    }

    @Override
    public void close() {
        running = false;
        pinger.interrupt();
        socket.abort();
    }
}
