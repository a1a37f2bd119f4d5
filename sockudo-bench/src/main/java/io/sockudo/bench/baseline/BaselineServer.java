package io.sockudo.bench.baseline;

import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.xnio.Options;
import org.xnio.XnioIoThread;

/**
 * The ceiling for fan-out figures: bare Undertow WebSocket, no Pusher protocol. Every socket
 * that connects to {@code /app/...} receives every {@code POST /publish} body as one text
 * frame. Nothing is parsed, authenticated or routed by channel; what it reaches on this machine
 * is what the transport and the kernel alone allow, and the Pusher server is measured against it
 * in the same run.
 *
 * <p>Sockets are grouped by their I/O thread and a publish hands each thread one task that
 * writes to its own sockets, the cheapest shape a broadcast can take on Undertow.
 *
 * <pre>java -cp sockudo-bench/target/benchmarks.jar io.sockudo.bench.baseline.BaselineServer --port 7001</pre>
 */
public final class BaselineServer implements AutoCloseable {

    private final Map<XnioIoThread, Set<WebSocketChannel>> sockets = new ConcurrentHashMap<>();
    private final Undertow undertow;

    /** Starts a baseline server; port 0 takes any free port. */
    public static BaselineServer start(String host, int port, int ioThreads, int backlog) {
        BaselineServer server = new BaselineServer(host, port, ioThreads, backlog);
        server.undertow.start();
        return server;
    }

    private BaselineServer(String host, int port, int ioThreads, int backlog) {
        this.undertow = Undertow.builder()
                .setIoThreads(ioThreads)
                .setWorkerThreads(2)
                .setSocketOption(Options.BACKLOG, backlog)
                .setSocketOption(Options.TCP_NODELAY, true)
                .addHttpListener(port, host)
                .setHandler(Handlers.path()
                        .addPrefixPath("/app", Handlers.websocket(this::connected))
                        .addExactPath("/publish", this::publish)
                        .addExactPath("/up", exchange -> exchange.getResponseSender().send("OK")))
                .build();
    }

    @Override
    public void close() {
        undertow.stop();
    }

    public int port() {
        var address = (java.net.InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
        return address.getPort();
    }

    /** Connections open now. */
    public int connections() {
        int n = 0;
        for (Set<WebSocketChannel> s : sockets.values()) {
            n += s.size();
        }
        return n;
    }

    private void connected(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        Set<WebSocketChannel> own = sockets.computeIfAbsent(channel.getIoThread(), t -> ConcurrentHashMap.newKeySet());
        own.add(channel);
        channel.addCloseTask(ch -> own.remove(ch));
        // answers pings and close frames; text from clients is ignored
        channel.getReceiveSetter().set(new AbstractReceiveListener() { });
        channel.resumeReceives();
    }

    private void publish(HttpServerExchange exchange) {
        if (!exchange.getRequestMethod().equals(Methods.POST)) {
            exchange.setStatusCode(405);
            exchange.endExchange();
            return;
        }
        exchange.getRequestReceiver().receiveFullBytes((ex, body) -> {
            broadcast(body);
            ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
            ex.getResponseSender().send("{}");
        });
    }

    private void broadcast(byte[] frame) {
        sockets.forEach((thread, own) -> thread.execute(() -> {
            for (WebSocketChannel ch : own) {
                WebSockets.sendText(ByteBuffer.wrap(frame), ch, null);
            }
        }));
    }

    public static void main(String[] args) throws InterruptedException {
        String host = "127.0.0.1";
        int port = envInt("PORT", 7001);
        int ioThreads = Math.max(2, Runtime.getRuntime().availableProcessors());
        int backlog = 4096;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--host" -> host = args[i + 1];
                case "--port" -> port = Integer.parseInt(args[i + 1]);
                case "--io-threads" -> ioThreads = Integer.parseInt(args[i + 1]);
                case "--backlog" -> backlog = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; use --host --port --io-threads --backlog");
            }
        }
        if (args.length % 2 != 0) {
            throw new IllegalArgumentException("options come in pairs: --name value");
        }
        BaselineServer server = start(host, port, ioThreads, backlog);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "baseline-shutdown"));
        System.out.println("baseline listening on " + host + ":" + server.port() + " with " + ioThreads + " I/O threads");
        stopped.await();
    }

    private static int envInt(String name, int fallback) {
        String v = System.getenv(name);
        return v == null || v.isEmpty() ? fallback : Integer.parseInt(v);
    }
}
