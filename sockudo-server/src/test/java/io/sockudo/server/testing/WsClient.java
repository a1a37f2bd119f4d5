package io.sockudo.server.testing;

import io.sockudo.testkit.Sentinel;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A plain WebSocket client (the JDK's) that records every text frame, for tests that compare
 * exact frames. {@link #closeCode()} completes when the server closes.
 */
public final class WsClient implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final CompletableFuture<String> closeReason = new CompletableFuture<>();
    private final WebSocket socket;

    private WsClient(URI uri, String origin) {
        WebSocket.Builder b = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5));
        if (origin != null) {
            b.header("Origin", origin);
        }
        this.socket = b.buildAsync(uri, new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(partial.toString());
                    partial.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
                closeCode.complete(statusCode);
                closeReason.complete(reason);
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                closeCode.complete(-1);
                closeReason.complete(String.valueOf(error));
            }
        }).join();
    }

    public static WsClient connect(int port, String appKey) {
        return connect(port, appKey, null);
    }

    public static WsClient connect(int port, String appKey, String origin) {
        return new WsClient(URI.create("ws://127.0.0.1:" + port + "/app/" + appKey + "?protocol=7&client=java-test&version=1.0"), origin);
    }

    public static WsClient connect(URI uri) {
        return new WsClient(uri, null);
    }

    /** Connects and reads connection_established; returns the socket id. */
    public static WsClient established(int port, String appKey) {
        WsClient c = connect(port, appKey);
        c.socketId();
        return c;
    }

    private String socketId;

    /** The socket id from connection_established (read on first call). */
    public String socketId() {
        if (socketId == null) {
            String f = next();
            if (!f.startsWith("{\"event\":\"pusher:connection_established\"")) {
                throw new AssertionError("expected connection_established, got " + f);
            }
            int i = f.indexOf("socket_id\\\":\\\"") + 14;
            socketId = f.substring(i, f.indexOf("\\\"", i));
        }
        return socketId;
    }

    public WsClient send(String json) {
        socket.sendText(json, true).join();
        return this;
    }

    public WsClient subscribe(String channel) {
        return send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + channel + "\"}}");
    }

    /** The next frame, waiting up to 5 s. */
    public String next() {
        return next(5000);
    }

    public String next(long millis) {
        try {
            String f = frames.poll(millis, TimeUnit.MILLISECONDS);
            if (f == null) {
                throw new AssertionError("no frame within " + millis + " ms");
            }
            return f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The next frame, or null if none arrives within the time. */
    public String poll(long millis) {
        try {
            return frames.poll(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * Every frame before the next one the sentinel matches; fails when no sentinel comes within
     * 5 s. The way to show that nothing else arrived: see {@link Sentinel}.
     */
    public List<String> framesBefore(Predicate<String> sentinel) {
        return Sentinel.before(this::poll, sentinel);
    }

    /** Every frame before the next {@link Sentinel#EVENT}, as published by {@link HttpApiClient#publishSentinel}. */
    public List<String> framesBeforeSentinel() {
        return framesBefore(Sentinel::isSentinel);
    }

    /** Skips frames until one starts with the prefix. */
    public String nextStartingWith(String prefix) {
        long deadline = System.currentTimeMillis() + 5000;
        while (System.currentTimeMillis() < deadline) {
            String f = poll(Math.max(1, deadline - System.currentTimeMillis()));
            if (f != null && f.startsWith(prefix)) {
                return f;
            }
        }
        throw new AssertionError("no frame starting with " + prefix);
    }

    public int closeCode(long millis) {
        try {
            return closeCode.get(millis, TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("the server did not close the connection within " + millis + " ms", e);
        }
    }

    public String closeReason() {
        return closeReason.getNow(null);
    }

    public boolean isClosed() {
        return closeCode.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").get(2, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // already gone
            }
        }
        try {
            closeCode.get(2, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            socket.abort();
        }
    }
}
