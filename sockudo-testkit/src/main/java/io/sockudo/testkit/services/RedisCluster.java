package io.sockudo.testkit.services;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A Redis Cluster of the test's own: three masters on free loopback ports, each in its own
 * directory, joined with {@code redis-cli --cluster create}; ready when every node reports
 * {@code cluster_state:ok}.
 */
public final class RedisCluster implements AutoCloseable {

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    public static RedisCluster create() throws IOException {
        Path cli = LocalProcess.binary(RedisServer.INSTALL, "redis-cli");
        List<RedisServer> nodes = new ArrayList<>();
        RedisCluster cluster = new RedisCluster(nodes);
        try {
            for (int i = 0; i < 3; i++) {
                nodes.add(RedisServer.create(List.of("--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
                        "--cluster-node-timeout", "2000")));
            }
            List<String> create = new ArrayList<>(List.of(cli.toString(), "--cluster", "create"));
            for (RedisServer n : nodes) {
                create.add("127.0.0.1:" + n.port());
            }
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            Path log = nodes.get(0).directory().resolve("create.log");
            LocalProcess.run(create, log, Duration.ofSeconds(30));
            for (RedisServer n : nodes) {
                awaitOk(cli, n, log);
            }
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private static void awaitOk(Path cli, RedisServer node, Path log) throws IOException {
        long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        Path out = node.directory().resolve("info.txt");
        while (System.nanoTime() < end) {
            Files.deleteIfExists(out);
            LocalProcess.run(List.of(cli.toString(), "-p", String.valueOf(node.port()), "cluster", "info"), out, Duration.ofSeconds(10));
            if (Files.readString(out).contains("cluster_state:ok")) {
                return;
            }
            LocalProcess.sleep(100);
        }
        throw new IllegalStateException("the cluster did not reach cluster_state:ok\n" + LocalProcess.tail(log));
    }

    /** {@code host:port} of every master. */
    public List<String> nodes() {
        return nodes.stream().map(n -> n.host() + ":" + n.port()).toList();
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }
}
