package io.sockudo.server.testing;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.cluster.AdapterSettings;
import io.sockudo.adapter.cluster.ClusterHealth;
import io.sockudo.adapter.cluster.NatsSettings;
import io.sockudo.adapter.cluster.RedisClusterSettings;
import io.sockudo.adapter.cluster.RedisSettings;
import io.sockudo.server.SockudoServer;
import io.sockudo.testkit.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Several servers in this JVM, each on its own loopback port, joined into one cluster by a
 * backbone; node {@code i} has the id {@code node-i}, so node 0 is the cleanup leader while alive.
 */
public final class ClusterNodes implements AutoCloseable {

    /** Heartbeats every 200 ms and dead after 1.5 s of silence, so failure tests stay short. */
    public static final ClusterHealth FAST_HEALTH = new ClusterHealth(true, 200, 1500, 100);

    private final List<SockudoServer> nodes = new ArrayList<>();

    private ClusterNodes() {
    }

    public static AdapterSettings redis(String url) {
        return new AdapterSettings("redis", RedisSettings.DEFAULTS.withUrl(url), RedisClusterSettings.DEFAULTS,
                NatsSettings.DEFAULTS, FAST_HEALTH);
    }

    public static AdapterSettings redisCluster(List<String> seeds) {
        return new AdapterSettings("redis-cluster", RedisSettings.DEFAULTS, RedisClusterSettings.DEFAULTS.withNodes(seeds),
                NatsSettings.DEFAULTS, FAST_HEALTH);
    }

    public static AdapterSettings nats(String url) {
        return new AdapterSettings("nats", RedisSettings.DEFAULTS, RedisClusterSettings.DEFAULTS,
                NatsSettings.DEFAULTS.withServers(List.of(url)), FAST_HEALTH);
    }

    /** Starts {@code n} nodes serving {@code app} and waits until every node sees every other. */
    public static ClusterNodes start(int n, AdapterSettings settings, App app) {
        return start(n, settings, app, UnaryOperator.identity());
    }

    /** As {@link #start(int, AdapterSettings, App)}, with further settings for every node. */
    public static ClusterNodes start(int n, AdapterSettings settings, App app, UnaryOperator<SockudoServer.Builder> more) {
        ClusterNodes c = new ClusterNodes();
        try {
            for (int i = 0; i < n; i++) {
                c.nodes.add(TestServer.start(b -> more.apply(b.app(app).adapter(settings).nodeId("node-" + c.nodes.size()))));
            }
            c.awaitMesh();
            return c;
        } catch (RuntimeException | Error e) {
            c.close();
            throw e;
        }
    }

    /** Starts one more node, {@code node-n} for the {@code n} nodes before it; does not wait for the mesh. */
    public SockudoServer add(AdapterSettings settings, App app, UnaryOperator<SockudoServer.Builder> more) {
        SockudoServer s = TestServer.start(b -> more.apply(b.app(app).adapter(settings).nodeId("node-" + nodes.size())));
        nodes.add(s);
        return s;
    }

    /** Waits until every node of this JVM sees every other. */
    public void awaitMesh() {
        awaitPeers(nodes.size() - 1);
    }

    /** Waits until every node of this JVM sees {@code n} peers (nodes elsewhere included). */
    public void awaitPeers(int n) {
        Poll.until("every node sees " + n + " others", Duration.ofSeconds(15),
                () -> nodes.stream().allMatch(s -> s.peers().size() == n));
    }

    public SockudoServer node(int i) {
        return nodes.get(i);
    }

    public int size() {
        return nodes.size();
    }

    public HttpApiClient api(int i) {
        return HttpApiClient.of(nodes.get(i));
    }

    public WsClient connect(int i) {
        return WsClient.established(nodes.get(i).port(), TestServer.KEY);
    }

    @Override
    public void close() {
        nodes.forEach(SockudoServer::close);
    }
}
