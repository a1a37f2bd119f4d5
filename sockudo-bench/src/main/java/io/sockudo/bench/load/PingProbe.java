package io.sockudo.bench.load;

import io.sockudo.testkit.ws.ClientFrameWriter;
import io.sockudo.testkit.ws.Handshake;
import io.sockudo.testkit.ws.Opcode;
import io.sockudo.testkit.ws.ServerFrameReader;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One more client that sends a WebSocket ping every interval and records how long the pong
 * takes: while the server is busy with something else (thousands of closes at once), the round
 * trip shows how long its I/O threads were unavailable to everyone else. A ping that has not
 * come back when the next is due counts with the time it has been waiting, so a stall is never
 * hidden by a missing answer.
 *
 * <p>The probe speaks just enough RFC 6455 over a blocking socket of its own (one thread
 * writes pings, one reads frames): each ping carries its send time, each pong echoes it, so a
 * round trip is never attributed to the wrong ping.
 */
final class PingProbe implements AutoCloseable {

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;
    private final long intervalNanos;
    private final Recorder rtt = new Recorder(3);
    private final Thread pinger;
    private final Thread reader;
    /** Send time of the ping waiting for its pong, 0 when none is. */
    private volatile long outstanding;
    /** When the last pong came back, 0 before the first. */
    private volatile long lastPong;
    private volatile boolean running = true;

    PingProbe(LoadOptions.Target target, Duration interval) {
        this.intervalNanos = interval.toNanos();
        try {
            socket = new Socket();
            socket.setTcpNoDelay(true);
            socket.connect(new InetSocketAddress(target.address(), target.port()), 5_000);
            socket.setSoTimeout(5_000);
            in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
            out = socket.getOutputStream();
            handshake(target);
            socket.setSoTimeout(0);
        } catch (IOException e) {
            throw new UncheckedIOException("ping probe could not connect", e);
        }
        reader = new Thread(this::readFrames, "ping-probe-reader");
        reader.setDaemon(true);
        reader.start();
        pinger = new Thread(this::sendPings, "ping-probe");
        pinger.setDaemon(true);
        pinger.start();
    }

    /** Round trips (microseconds) since the last call. */
    Histogram interval() {
        return rtt.getIntervalHistogram();
    }

    /** Whether the server answered a ping within the last {@code within}. */
    boolean answering(Duration within) {
        long last = lastPong;
        return last != 0 && System.nanoTime() - last < within.toNanos();
    }

    @Override
    public void close() {
        running = false;
        pinger.interrupt();
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing is all that is left to do
        }
    }

    private void handshake(LoadOptions.Target target) throws IOException {
        out.write(ClientFrames.handshake(target.host(), target.port(), target.key()));
        out.flush();
        String head = Handshake.readResponseHead(in);
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + head.lines().findFirst().orElse(""));
        }
    }

    private void sendPings() {
        byte[] sentAt = new byte[8];
        while (running) {
            long s = outstanding;
            long now = System.nanoTime();
            if (s == 0) {
                outstanding = now;
                ByteBuffer.wrap(sentAt).putLong(now);
                try {
                    out.write(ClientFrameWriter.frame(Opcode.PING, sentAt, 0, sentAt.length));
                } catch (IOException e) {
                    return;
                }
            } else if (now - s > intervalNanos) {
                // still waiting: the stall so far is a sample too
                rtt.recordValue(Math.max(1, (now - s) / 1000));
            }
            try {
                TimeUnit.NANOSECONDS.sleep(intervalNanos);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void readFrames() {
        try {
            ServerFrameReader frames = new ServerFrameReader(Integer.MAX_VALUE);
            while (running) {
                int b0 = in.read();
                if (b0 < 0) {
                    return;
                }
                frames.readHeader(b0, in);
                int opcode = frames.opcode();
                long len = frames.payloadLength();
                if (opcode == Opcode.PONG && len == 8) {
                    long sent = in.readLong();
                    if (sent == outstanding) {
                        long now = System.nanoTime();
                        rtt.recordValue(Math.max(1, (now - sent) / 1000));
                        lastPong = now;
                        outstanding = 0;
                    }
                } else if (opcode == Opcode.CLOSE) {
                    return;
                } else {
                    in.skipNBytes(len);
                }
            }
        } catch (IOException e) {
            // the socket closed: the probe is done
        }
    }
}
