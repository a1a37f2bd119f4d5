package io.sockudo.adapter;

import io.sockudo.adapter.api.EventPublisher;
import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.AppManager;
import io.sockudo.adapter.app.StaticAppManager;
import io.sockudo.adapter.connection.Handshake;
import io.sockudo.adapter.connection.WireFormat;
import io.sockudo.adapter.hooks.MemoryChannelCache;
import io.sockudo.adapter.testing.ManualClock;
import io.sockudo.adapter.testing.ManualShards;
import io.sockudo.adapter.testing.RecordingOutbound;
import io.sockudo.protocol.ApiEvent;
import io.sockudo.protocol.ChannelAuth;
import io.sockudo.protocol.Json;
import io.sockudo.protocol.WebhookEvent;
import io.sockudo.testkit.JsonTree;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.function.Function;

/**
 * The engine without sockets: a {@link ConnectionHandler} over {@link io.sockudo.adapter.testing.ManualShard}s
 * that the test thread drives, in virtual time, and clients whose frames are recorded.
 */
final class EngineHarness implements AutoCloseable {

    static final String APP_ID = "app-id";
    static final String KEY = "app-key";
    static final String SECRET = "app-secret";

    final ManualClock clock;
    final ManualShards shards;
    final LocalAdapter adapter;
    final ConnectionHandler handler;
    final LinkedBlockingQueue<WebhookEvent> webhooks = new LinkedBlockingQueue<>();
    final MemoryChannelCache cache;
    final EventPublisher publisher;
    private final ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1);

    EngineHarness(int shardCount, AppManager apps, EngineOptions options) {
        this(shardCount, apps, options, new ManualClock());
    }

    EngineHarness(int shardCount, AppManager apps, EngineOptions options, ManualClock clock) {
        this(shardCount, apps, options, clock, local -> local);
    }

    /**
     * An engine whose cluster-wide work goes through the adapter {@code cluster} makes of the
     * node's {@link LocalAdapter}, as a horizontal adapter would wrap it.
     */
    EngineHarness(int shardCount, AppManager apps, EngineOptions options, ManualClock clock,
                  Function<LocalAdapter, Adapter> cluster) {
        this.clock = clock;
        shards = new ManualShards(shardCount, clock);
        EngineOptions clocked = options.toBuilder().clock(clock).build();
        cache = new MemoryChannelCache(clock);
        adapter = new LocalAdapter(shards.array(), WireFormat.RAW, clock);
        Adapter seam = cluster.apply(adapter);
        handler = new ConnectionHandler(adapter, seam, apps, clocked, (app, event) -> webhooks.add(event), cache, timer);
        publisher = new EventPublisher(seam, cache, clocked);
        handler.start();
    }

    /**
     * Publishes an HTTP API event body; delivery tasks wait on the shards until the test drains
     * them (or calls {@link #publishAndDeliver}).
     */
    void publish(App app, String body) {
        publisher.publish(app, ApiEvent.parse(body.getBytes(StandardCharsets.UTF_8)));
    }

    void publishAndDeliver(App app, String body) {
        publish(app, body);
        shards.drain();
    }

    static EngineHarness of(App app) {
        return new EngineHarness(2, new StaticAppManager(List.of(app)), EngineOptions.defaults());
    }

    static EngineHarness of(App app, EngineOptions options) {
        return new EngineHarness(2, new StaticAppManager(List.of(app)), options);
    }

    static App.Builder app() {
        return App.builder(APP_ID, KEY, SECRET);
    }

    /** A client on shard 0 with a well-formed handshake. */
    Client connect() {
        return connect(0);
    }

    Client connect(int shard) {
        return connect(shard, new Handshake(KEY, "7", null, "127.0.0.1"));
    }

    Client connect(int shard, Handshake handshake) {
        RecordingOutbound out = new RecordingOutbound();
        Session c = (Session) handler.open(shards.get(shard), out, handshake);
        shards.drain();
        return new Client(c, out);
    }

    /** Moves virtual time on; the shards run whatever falls due. */
    void advance(Duration d) {
        shards.advance(d);
    }

    AppState state() {
        return adapter.existingState(APP_ID);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** One client socket. */
    final class Client {
        final Session connection;
        final RecordingOutbound out;

        Client(Session connection, RecordingOutbound out) {
            this.connection = connection;
            this.out = out;
        }

        String socketId() {
            return connection.socketId().toString();
        }

        /** A text frame from the client, handled on its shard. */
        void send(String json) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            // surrounded by other bytes: the engine must honour offset and length
            byte[] framed = new byte[bytes.length + 4];
            System.arraycopy(bytes, 0, framed, 2, bytes.length);
            handler.onText(connection, framed, 2, bytes.length);
            shards.drain();
        }

        /** Frames received since the last call, as JSON text. */
        List<String> received() {
            return out.unread();
        }

        /** The event names of the frames received since the last call. */
        List<String> receivedEvents() {
            List<String> events = new ArrayList<>();
            for (String f : received()) {
                events.add((String) JsonTree.object(f).get("event"));
            }
            return events;
        }

        Integer closeCode() {
            return out.closeCode();
        }

        /** The socket went away; the transport reports it. */
        void disconnect() {
            out.drop();
            handler.onClose(connection);
            shards.drain();
        }

        void subscribe(String channel) {
            send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":" + Json.quote(channel) + "}}");
        }

        /** Subscribes with more fields in {@code data}, e.g. {@code "filter":{...}} or {@code "delta":true}. */
        void subscribe(String channel, String moreData) {
            send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":" + Json.quote(channel) + "," + moreData + "}}");
        }

        void subscribePrivate(String channel) {
            String auth = ChannelAuth.signChannel(KEY, SECRET, socketId(), channel, null);
            send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":" + Json.quote(channel)
                    + ",\"auth\":" + Json.quote(auth) + "}}");
        }

        void subscribePresence(String channel, String channelData) {
            String auth = ChannelAuth.signChannel(KEY, SECRET, socketId(), channel, channelData);
            send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":" + Json.quote(channel)
                    + ",\"auth\":" + Json.quote(auth) + ",\"channel_data\":" + Json.quote(channelData) + "}}");
        }

        void unsubscribe(String channel) {
            send("{\"event\":\"pusher:unsubscribe\",\"data\":{\"channel\":" + Json.quote(channel) + "}}");
        }

        void signin(String userData) {
            String auth = ChannelAuth.signUser(KEY, SECRET, socketId(), userData);
            send("{\"event\":\"pusher:signin\",\"data\":{\"user_data\":" + Json.quote(userData)
                    + ",\"auth\":" + Json.quote(auth) + "}}");
        }
    }
}
