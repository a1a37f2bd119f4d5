package io.sockudo.testkit.services;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * A Redis Cluster of the test's own, as production runs one: six redis-server processes on free
 * loopback ports, each in its own directory, joined with {@code redis-cli --cluster create
 * --cluster-replicas 1} into three masters with one replica each. Ready when every node reports
 * {@code cluster_state:ok} with all 16384 slots served, and every master has a replica whose
 * replication link is up.
 *
 * <p>A test can take a master away ({@link #killMasterOf}) and wait for its replica to take over,
 * or freeze, crash and restart the whole cluster.
 */
public final class RedisCluster implements AutoCloseable {

    private static final int MASTERS = 3;
    private static final String SLOTS_OK = "cluster_slots_ok:16384";
    /** Node timeout: how long a silent master has before its replica is promoted. */
    private static final String NODE_TIMEOUT_MS = "2000";
    private static final Duration READY = Duration.ofSeconds(40);

    /** A master killed and the replica that took its slots over, as {@code host:port}. */
    public record Failover(String killed, String promoted) {
    }

    /** One line of {@code CLUSTER NODES}. */
    private record NodeLine(String id, int port, List<String> flags, String masterId, List<String> slots) {

        static NodeLine parse(String line) {
            String[] f = line.trim().split(" ");
            String address = f[1].substring(0, f[1].indexOf('@'));
            int port = Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
            return new NodeLine(f[0], port, List.of(f[2].split(",")), f[3],
                    List.of(Arrays.copyOfRange(f, Math.min(8, f.length), f.length)));
        }

        boolean isMaster() {
            return flags.contains("master") && !failing();
        }

        boolean isReplica() {
            return flags.contains("slave") && !failing();
        }

        boolean failing() {
            return flags.contains("fail") || flags.contains("fail?");
        }

        boolean serves(int slot) {
            for (String range : slots) {
                if (range.startsWith("[")) {
                    continue; // a slot being migrated
                }
                int dash = range.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
                if (slot >= from && slot <= to) {
                    return true;
                }
            }
            return false;
        }
    }

    private final List<RedisServer> nodes;

    private RedisCluster(List<RedisServer> nodes) {
        this.nodes = nodes;
    }

    public static RedisCluster start() {
        List<RedisServer> nodes = new ArrayList<>();
        RedisCluster cluster = new RedisCluster(nodes);
        try {
            for (int i = 0; i < MASTERS * 2; i++) {
                nodes.add(RedisServer.startOn(ServiceProcess.freePort(), List.of("--cluster-enabled", "yes",
                        "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", NODE_TIMEOUT_MS)));
            }
            List<String> create = new ArrayList<>(List.of(ServiceProcess.binary(RedisServer.INSTALL, "redis-cli").toString(),
                    "--cluster", "create"));
            create.addAll(cluster.nodes());
            create.addAll(List.of("--cluster-replicas", "1", "--cluster-yes"));
            String out = ServiceProcess.run(create, nodes.get(0).directory().resolve("create.log"), READY);
            if (!out.contains("[OK] All 16384 slots covered")) {
                throw new IllegalStateException("redis-cli --cluster create did not cover every slot:\n" + out);
            }
            cluster.awaitHealthy(true);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** Every node, masters and replicas, as {@code 127.0.0.1:port}: seeds for a client. */
    public List<String> nodes() {
        return nodes.stream().map(RedisServer::address).toList();
    }

    /**
     * Kills (SIGKILL) the master serving {@code key}'s slot and waits until its replica has been
     * promoted and the cluster serves every slot again.
     */
    public Failover killMasterOf(String key) {
        int probe = live().get(0).port();
        int slot = Integer.parseInt(RedisProbe.call(probe, "CLUSTER", "KEYSLOT", key));
        List<NodeLine> view = view(probe);
        NodeLine master = view.stream().filter(n -> n.isMaster() && n.serves(slot)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no master serves slot " + slot + " in\n" + view));
        NodeLine replica = view.stream().filter(n -> n.isReplica() && n.masterId().equals(master.id())).findFirst()
                .orElseThrow(() -> new IllegalStateException("the master of slot " + slot + " has no replica in\n" + view));
        byPort(master.port()).kill();
        RedisServer promoted = byPort(replica.port());
        await("the replica " + promoted.address() + " is promoted", () -> {
            String role = RedisProbe.tryCall(promoted.port(), "INFO", "replication");
            return role != null && role.contains("role:master") ? healthProblem(false) : "its role is\n" + role;
        });
        return new Failover(byPort(master.port()).address(), promoted.address());
    }

    /** SIGSTOP to every node. */
    public void freezeAll() {
        nodes.forEach(RedisServer::freeze);
    }

    /** SIGCONT to every node. */
    public void thawAll() {
        nodes.forEach(RedisServer::thaw);
    }

    /** SIGKILL to every node. */
    public void killAll() {
        nodes.stream().filter(RedisServer::isAlive).forEach(RedisServer::kill);
    }

    /** Starts every node again on its port, from its nodes file, and waits until the cluster is whole. */
    public void restartAll() {
        nodes.forEach(RedisServer::restart);
        awaitHealthy(true);
    }

    private void awaitHealthy(boolean replicated) {
        await("the Redis Cluster is ok" + (replicated ? " with a replica per master" : ""), () -> healthProblem(replicated));
    }

    /** What is still wrong with the cluster, or null when nothing is. */
    private String healthProblem(boolean replicated) {
        for (RedisServer n : live()) {
            String info = RedisProbe.tryCall(n.port(), "CLUSTER", "INFO");
            if (info == null || !info.contains("cluster_state:ok") || !info.contains(SLOTS_OK)) {
                return n.address() + " reports\n" + info;
            }
            String replication = RedisProbe.tryCall(n.port(), "INFO", "replication");
            if (replication == null || replication.contains("role:slave") && !replication.contains("master_link_status:up")) {
                return n.address() + " is a replica without a link to its master:\n" + replication;
            }
        }
        if (!replicated) {
            return null;
        }
        List<NodeLine> view = view(live().get(0).port());
        List<NodeLine> masters = view.stream().filter(n -> n.isMaster() && !n.slots().isEmpty()).toList();
        boolean everyMasterReplicated = masters.stream()
                .allMatch(m -> view.stream().anyMatch(r -> r.isReplica() && r.masterId().equals(m.id())));
        return masters.size() == MASTERS && everyMasterReplicated ? null : "the nodes are\n" + view;
    }

    private static List<NodeLine> view(int port) {
        return RedisProbe.call(port, "CLUSTER", "NODES").lines().filter(l -> !l.isBlank()).map(NodeLine::parse).toList();
    }

    private List<RedisServer> live() {
        return nodes.stream().filter(RedisServer::isAlive).toList();
    }

    private RedisServer byPort(int port) {
        return nodes.stream().filter(n -> n.port() == port).findFirst()
                .orElseThrow(() -> new IllegalStateException("no node of this cluster on port " + port));
    }

    private static void await(String what, Supplier<String> problem) {
        long deadline = System.nanoTime() + READY.toNanos();
        String last = problem.get();
        while (last != null) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("not within " + READY.toSeconds() + " s: " + what + "; " + last);
            }
            ServiceProcess.pause(100);
            last = problem.get();
        }
    }

    @Override
    public void close() {
        nodes.forEach(RedisServer::close);
    }
}
