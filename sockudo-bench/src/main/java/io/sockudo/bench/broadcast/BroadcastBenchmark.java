package io.sockudo.bench.broadcast;

import io.sockudo.adapter.ConnectionHandler;
import io.sockudo.adapter.EngineOptions;
import io.sockudo.adapter.LocalAdapter;
import io.sockudo.adapter.api.EventPublisher;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.StaticAppManager;
import io.sockudo.adapter.connection.Connection;
import io.sockudo.adapter.connection.Frame;
import io.sockudo.adapter.connection.Handshake;
import io.sockudo.adapter.connection.Outbound;
import io.sockudo.adapter.connection.Shard;
import io.sockudo.adapter.hooks.MemoryChannelCache;
import io.sockudo.adapter.hooks.WebhookSink;
import io.sockudo.protocol.ApiEvent;
import io.sockudo.transport.websocket.WebSocketWireFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One HTTP API publish through the engine, without sockets: the body parsed, checked against
 * the app's limits, serialized and framed once, and handed to every subscriber of the channel
 * on two shards. Shards run their tasks inline and sockets only count the frames they are
 * given, so the figure is the engine's own cost; (time at N - time at 1) / N is the cost per
 * recipient, which bounds fan-out per core before any socket write.
 *
 * <pre>java -jar sockudo-bench/target/benchmarks.jar Broadcast -f 1 -wi 3 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BroadcastBenchmark {

    private static final String CHANNEL = "ticker-eu";

    @Param({"1", "100", "1000"})
    int subscribers;

    private ScheduledExecutorService timer;
    private EventPublisher publisher;
    private App app;
    private final CountingSocket socket = new CountingSocket();
    private final byte[] body = ("{\"name\":\"price\",\"channel\":\"" + CHANNEL + "\",\"data\":\"{\\\"sym\\\":\\\"BTC-EUR\\\","
            + "\\\"bid\\\":61234.5,\\\"ask\\\":61236.25,\\\"ts\\\":1712345678901234}\"}").getBytes(StandardCharsets.UTF_8);

    @Setup(Level.Trial)
    public void setUp() {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "broadcast-benchmark-timer");
            t.setDaemon(true);
            return t;
        });
        app = App.builder("app-id", "app-key", "app-secret").build();
        Shard[] shards = {new InlineShard(0), new InlineShard(1)};
        EngineOptions options = EngineOptions.defaults();
        LocalAdapter adapter = new LocalAdapter(shards, WebSocketWireFormat.INSTANCE, options.clock());
        MemoryChannelCache cache = new MemoryChannelCache(options.clock());
        ConnectionHandler handler = new ConnectionHandler(adapter, new StaticAppManager(List.of(app)), options,
                WebhookSink.NONE, cache, timer);
        byte[] subscribe = ("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"" + CHANNEL + "\"}}")
                .getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < subscribers; i++) {
            Connection c = handler.open(shards[i % shards.length], socket, new Handshake("app-key", "7", null, "127.0.0.1"));
            handler.onText(c, subscribe, 0, subscribe.length);
        }
        publisher = new EventPublisher(adapter, cache, options);
        socket.frames = 0;
        publish();
        if (socket.frames != subscribers) {
            throw new IllegalStateException("a publish reached " + socket.frames + " of " + subscribers + " subscribers");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        timer.shutdownNow();
    }

    @Benchmark
    public long publish() {
        ApiEvent event = ApiEvent.parse(body);
        publisher.validate(app, event);
        publisher.publish(app, event);
        return socket.frames;
    }

    /** A shard that runs everything at once on the caller's thread. */
    private record InlineShard(int index) implements Shard {
        @Override
        public boolean inShard() {
            return true;
        }

        @Override
        public Cancellable schedule(Runnable task, long delay, TimeUnit unit) {
            return () -> { };
        }

        @Override
        public void execute(Runnable command) {
            command.run();
        }
    }

    /** Every connection's socket: counts the frames it is given and writes nothing. */
    private static final class CountingSocket implements Outbound {
        long frames;

        @Override
        public void send(Frame frame) {
            frames++;
        }

        @Override
        public void close(int code, String reason) {
        }

        @Override
        public long queuedBytes() {
            return 0;
        }

        @Override
        public boolean isOpen() {
            return true;
        }
    }
}
