package io.sockudo.adapter.cluster.services;

import java.util.ArrayList;
import java.util.List;

/**
 * A Redis Cluster of three masters (no replicas) on free loopback ports, made with
 * {@code redis-cli --cluster create}; ready when every node reports {@code cluster_state:ok}.
 */
public final class RedisClusterServers implements AutoCloseable {

    private static final int NODES = 3;
    private static final long READY_TIMEOUT_MS = 30_000;

    private final List<ServiceProcess> nodes;

    private RedisClusterServers(List<ServiceProcess> nodes) {
        this.nodes = nodes;
    }

    public static RedisClusterServers start() {
        List<ServiceProcess> nodes = new ArrayList<>();
        try {
            for (int i = 0; i < NODES; i++) {
                int port = ServiceProcess.freePort();
                nodes.add(ServiceProcess.start("redis-server", port, List.of(
                        "--port", String.valueOf(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                        "--cluster-enabled", "yes", "--cluster-config-file", "nodes-" + port + ".conf",
                        "--cluster-node-timeout", "2000")));
            }
            RedisClusterServers cluster = new RedisClusterServers(nodes);
            List<String> create = new ArrayList<>(List.of(ServiceProcess.binary("redis-cli").toString(), "--cluster", "create"));
            create.addAll(cluster.nodes());
            create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
            String out = ServiceProcess.run(create, READY_TIMEOUT_MS);
            if (!out.contains("[OK] All 16384 slots covered")) {
                throw new IllegalStateException("redis-cli --cluster create failed:\n" + out);
            }
            cluster.awaitOk();
            return cluster;
        } catch (RuntimeException e) {
            nodes.forEach(ServiceProcess::close);
            throw e;
        }
    }

    /** The nodes as {@code 127.0.0.1:port}. */
    public List<String> nodes() {
        return nodes.stream().map(n -> "127.0.0.1:" + n.port()).toList();
    }

    /** SIGSTOP to every node. */
    public void freezeAll() {
        nodes.forEach(ServiceProcess::freeze);
    }

    /** SIGCONT to every node. */
    public void thawAll() {
        nodes.forEach(ServiceProcess::thaw);
    }

    /** SIGKILL to every node. */
    public void killAll() {
        nodes.forEach(ServiceProcess::kill);
    }

    /** Starts every node again on its port, from its nodes file, and waits for the cluster. */
    public void restartAll() {
        nodes.forEach(ServiceProcess::restart);
        awaitOk();
    }

    private void awaitOk() {
        long deadline = System.currentTimeMillis() + READY_TIMEOUT_MS;
        for (ServiceProcess node : nodes) {
            String info = "";
            while (!info.contains("cluster_state:ok")) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the Redis Cluster is not ok within " + READY_TIMEOUT_MS + " ms:\n" + info);
                }
                info = ServiceProcess.run(List.of(ServiceProcess.binary("redis-cli").toString(), "-p",
                        String.valueOf(node.port()), "cluster", "info"), 5_000);
                if (!info.contains("cluster_state:ok")) {
                    ServiceProcess.pause(100);
                }
            }
        }
    }

    @Override
    public void close() {
        nodes.forEach(ServiceProcess::close);
    }
}
