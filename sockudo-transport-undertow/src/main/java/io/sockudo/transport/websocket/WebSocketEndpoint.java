package io.sockudo.transport.websocket;

import io.sockudo.adapter.ConnectionHandler;
import io.sockudo.adapter.connection.Connection;
import io.sockudo.adapter.connection.Frame;
import io.sockudo.adapter.connection.Handshake;
import io.sockudo.adapter.connection.Shard;
import io.sockudo.transport.http.Responses;
import io.undertow.server.HttpHandler;
import io.undertow.server.AbstractServerConnection;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.ServerConnection;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.PathTemplateMatch;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;

/**
 * {@code GET /app/{key}}: the RFC 6455 opening handshake, after which the socket leaves
 * Undertow's HTTP machinery for a {@link WebSocketConnection}. The one extension negotiated is
 * permessage-deflate (RFC 7692), when {@code websocket.compression} allows it; subprotocols are
 * not, Pusher uses none.
 */
public final class WebSocketEndpoint implements HttpHandler {

    private static final HttpString SEC_WEBSOCKET_EXTENSIONS = HttpString.tryFromString("Sec-WebSocket-Extensions");

    private final ConnectionHandler handler;
    private final Map<XnioIoThread, Shard> shards;
    private final WebSocketOptions options;
    private final LongAdder dropped = new LongAdder();
    /** TCP connections upgraded and not yet closed, whatever the engine thinks of them. */
    private final java.util.concurrent.atomic.AtomicInteger openSockets = new java.util.concurrent.atomic.AtomicInteger();
    private final ThreadLocal<Scratch> scratch;

    /**
     * Per-I/O-thread buffers, and per-thread traffic counters: every socket on a thread parses
     * from the same array, and counting a frame is a plain increment of a thread-confined field.
     * Metrics read the counters from another thread; a value a moment old is fine there.
     */
    static final class Scratch {
        final byte[] bytes;
        final ByteBuffer buffer;
        final ByteBuffer[] gather = new ByteBuffer[64];
        /** Traffic of sockets whose app is not known (yet): before the app lookup ends, or refused. */
        final ThreadTraffic unattributed = new ThreadTraffic();
        /** Per app; written by this thread only (once per app), read by metrics. */
        private final java.util.concurrent.ConcurrentHashMap<String, ThreadTraffic> byApp =
                new java.util.concurrent.ConcurrentHashMap<>();
        private DeflateEncoder deflater;

        Scratch(int size) {
            bytes = new byte[size];
            buffer = ByteBuffer.wrap(bytes);
        }

        /** This thread's counters of an app's traffic; looked up once per socket, when its app is known. */
        ThreadTraffic app(String appId) {
            ThreadTraffic t = byApp.get(appId);
            return t != null ? t : byApp.computeIfAbsent(appId, k -> new ThreadTraffic());
        }

        /** The thread's compressor, created when a socket of the thread first compresses. */
        DeflateEncoder deflater() {
            if (deflater == null) {
                deflater = new DeflateEncoder();
            }
            return deflater;
        }

        long compressions() {
            DeflateEncoder d = deflater;
            return d == null ? 0 : d.compressions();
        }
    }

    /** Every thread's scratch, so the counters can be summed. */
    private final java.util.List<Scratch> scratches = new java.util.concurrent.CopyOnWriteArrayList<>();

    public WebSocketEndpoint(ConnectionHandler handler, Map<XnioIoThread, Shard> shards, WebSocketOptions options) {
        this.handler = handler;
        this.shards = Map.copyOf(shards);
        this.options = options;
        // room for a whole message of the usual sizes in one read, so that it is parsed in place;
        // larger ones are reassembled by the decoder from as many reads as they take
        int size = Math.min(options.maxMessageBytes(), 1024 * 1024) + 14 + 16 * 1024;
        this.scratch = ThreadLocal.withInitial(() -> {
            Scratch s = new Scratch(size);
            scratches.add(s);
            return s;
        });
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        var headers = exchange.getRequestHeaders();
        var refusal = OpeningHandshake.check(exchange.getRequestMethod(), exchange.getProtocol(), headers);
        if (refusal.isPresent()) {
            refuse(exchange, refusal.get());
            return;
        }
        if (handler.isDraining()) {
            Responses.error(exchange, 503, "draining", "The server is shutting down; connect to another node");
            return;
        }
        PathTemplateMatch match = exchange.getAttachment(PathTemplateMatch.ATTACHMENT_KEY);
        String appKey = match.getParameters().get("appKey");
        var protocol = exchange.getQueryParameters().get("protocol");
        var peer = exchange.getSourceAddress();
        Handshake handshake = new Handshake(appKey, protocol == null ? null : protocol.peekFirst(),
                headers.getFirst(Headers.ORIGIN), peer == null ? null : peer.getAddress().getHostAddress());
        exchange.getResponseHeaders().put(Headers.UPGRADE, "websocket");
        exchange.getResponseHeaders().put(OpeningHandshake.SEC_WEBSOCKET_ACCEPT,
                OpeningHandshake.accept(headers.getFirst(OpeningHandshake.SEC_WEBSOCKET_KEY)));
        DeflateNegotiation.Agreement deflate = DeflateNegotiation
                .negotiate(headers.get(SEC_WEBSOCKET_EXTENSIONS), options.compression()).orElse(null);
        if (deflate != null) {
            exchange.getResponseHeaders().put(SEC_WEBSOCKET_EXTENSIONS, deflate.response());
        }
        exchange.upgradeChannel((stream, ex) -> opened(stream, ex.getConnection(), handshake, deflate));
        exchange.endExchange();
    }

    private void opened(StreamConnection stream, ServerConnection http, Handshake handshake,
                        DeflateNegotiation.Agreement deflate) {
        Shard shard = shards.get(stream.getIoThread());
        WebSocketConnection ws = new WebSocketConnection(stream, this);
        Connection c = handler.open(shard, ws, handshake);
        boolean pending = http instanceof AbstractServerConnection a && a.getExtraBytes() != null;
        ws.start(c, pending, deflate);
        // counted once its close listener is in place, which uncounts it (possibly already, which nets out)
        openSockets.incrementAndGet();
    }

    private static void refuse(HttpServerExchange exchange, OpeningHandshake.Refusal refusal) {
        if (refusal.status() == 426) {
            exchange.getResponseHeaders().put(OpeningHandshake.SEC_WEBSOCKET_VERSION, OpeningHandshake.VERSION);
        } else if (refusal.status() == 405) {
            exchange.getResponseHeaders().put(Headers.ALLOW, "GET");
        }
        Responses.error(exchange, refusal.status(), refusal.code(), refusal.message());
    }

    // ---- what connections share

    ConnectionHandler handler() {
        return handler;
    }

    Scratch scratch() {
        return scratch.get();
    }

    Frame frame(byte[] payload) {
        return WebSocketWireFormat.INSTANCE.frame(payload);
    }

    WebSocketOptions options() {
        return options;
    }

    int maxMessageBytes() {
        return options.maxMessageBytes();
    }

    int maxQueuedMessages() {
        return options.maxQueuedMessages();
    }

    long maxQueuedBytes() {
        return options.maxQueuedBytes();
    }

    boolean disconnectOnBufferFull() {
        return options.disconnectOnBufferFull();
    }

    long closeTimeoutMillis() {
        return options.closeTimeoutMillis();
    }

    void socketClosed() {
        openSockets.decrementAndGet();
    }

    /**
     * WebSockets whose TCP connection is still open: a socket told to close stays counted until
     * its client has answered the close frame or the close timeout has passed, which is what a
     * stopping server waits for.
     */
    public int openSockets() {
        return openSockets.get();
    }

    void countDropped() {
        dropped.increment();
    }

    /** Traffic totals: frames and bytes each way. */
    public record Traffic(long framesSent, long bytesSent, long framesReceived, long bytesReceived) {

        static final Traffic NONE = new Traffic(0, 0, 0, 0);

        static Traffic of(ThreadTraffic t) {
            return new Traffic(t.framesSent, t.bytesSent, t.framesReceived, t.bytesReceived);
        }

        Traffic plus(Traffic t) {
            return new Traffic(framesSent + t.framesSent, bytesSent + t.bytesSent,
                    framesReceived + t.framesReceived, bytesReceived + t.bytesReceived);
        }
    }

    /** Each app's traffic over every I/O thread, by app id. */
    public Map<String, Traffic> trafficByApp() {
        Map<String, Traffic> byApp = new java.util.TreeMap<>();
        for (Scratch s : scratches) {
            s.byApp.forEach((app, t) -> byApp.merge(app, Traffic.of(t), Traffic::plus));
        }
        return byApp;
    }

    /** Traffic of sockets while their app was not known: frames sent during the app lookup, and refused sockets. */
    public Traffic unattributedTraffic() {
        Traffic t = Traffic.NONE;
        for (Scratch s : scratches) {
            t = t.plus(Traffic.of(s.unattributed));
        }
        return t;
    }

    /**
     * Messages compressed with permessage-deflate: once per message for sockets without context
     * takeover however many receive it, once per recipient with it.
     */
    public long compressions() {
        long n = 0;
        for (Scratch s : scratches) {
            n += s.compressions();
        }
        return n;
    }

    /** Frames dropped or sockets closed because a client read too slowly. */
    public long droppedFrames() {
        return dropped.sum();
    }
}
