package io.sockudo.store.redis;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How to reach Redis: one server, or the seed nodes of a Redis Cluster.
 *
 * @param cluster  whether {@link #nodes} are seeds of a Redis Cluster (else exactly one server)
 * @param nodes    {@code host:port} of the server, or of some cluster nodes
 * @param database the database number of a single server ({@code database.redis.db}); 0 in a cluster
 * @param username ACL user, or null
 * @param password password, or null
 * @param timeout  how long one command may take, connecting included; also the longest a caller waits
 */
public record RedisSettings(boolean cluster, List<Node> nodes, int database, String username, String password,
                            Duration timeout) {

    /** A server's address. */
    public record Node(String host, int port) {
        public Node {
            Objects.requireNonNull(host, "host");
            if (host.isBlank() || port < 1 || port > 65535) {
                throw new IllegalArgumentException("not a Redis address: " + host + ":" + port);
            }
        }

        /** {@code host:port}, {@code redis://host:port} or {@code host} (port 6379). */
        public static Node parse(String text) {
            String t = text.trim();
            if (t.contains("://")) {
                URI u = URI.create(t);
                return new Node(u.getHost() == null ? "" : u.getHost(), u.getPort() < 0 ? 6379 : u.getPort());
            }
            int colon = t.lastIndexOf(':');
            if (colon < 0) {
                return new Node(t, 6379);
            }
            try {
                return new Node(t.substring(0, colon), Integer.parseInt(t.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a Redis address: " + text);
            }
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    public RedisSettings {
        nodes = List.copyOf(nodes);
        Objects.requireNonNull(timeout, "timeout");
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException(cluster ? "a Redis Cluster needs at least one node" : "no Redis server given");
        }
        if (!cluster && nodes.size() != 1) {
            throw new IllegalArgumentException("one Redis server, not " + nodes.size());
        }
        if (database < 0) {
            throw new IllegalArgumentException("the Redis database number must not be negative");
        }
        if (timeout.toMillis() < 1) {
            throw new IllegalArgumentException("the Redis timeout must be positive");
        }
    }

    /** One server at {@code host:port}, database 0, no credentials. */
    public static RedisSettings standalone(String host, int port) {
        return new RedisSettings(false, List.of(new Node(host, port)), 0, null, null, DEFAULT_TIMEOUT);
    }

    /** A cluster reached through these seed nodes ({@code host:port}). */
    public static RedisSettings cluster(List<String> seeds) {
        return new RedisSettings(true, seeds.stream().map(Node::parse).toList(), 0, null, null, DEFAULT_TIMEOUT);
    }

    /**
     * One server from a {@code redis://[user:password@]host[:port][/db]} URL (sockudo's
     * {@code REDIS_URL} and {@code url_override}); {@code rediss://} (TLS) is refused.
     */
    public static RedisSettings fromUrl(String url, Duration timeout) {
        URI u;
        try {
            u = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a redis:// URL: " + url);
        }
        if (!"redis".equals(u.getScheme()) || u.getHost() == null) {
            throw new IllegalArgumentException("expected a redis://host:port URL, not " + url);
        }
        String user = null;
        String password = null;
        if (u.getRawUserInfo() != null) {
            String info = u.getUserInfo();
            int colon = info.indexOf(':');
            user = colon < 0 ? null : info.substring(0, colon);
            password = colon < 0 ? info : info.substring(colon + 1);
            if (user != null && user.isEmpty()) {
                user = null;
            }
        }
        int db = 0;
        String path = u.getPath();
        if (path != null && path.length() > 1) {
            try {
                db = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("the database of a redis:// URL is a number, not " + path.substring(1));
            }
        }
        return new RedisSettings(false, List.of(new Node(u.getHost(), u.getPort() < 0 ? 6379 : u.getPort())), db, user,
                password, timeout);
    }

    public RedisSettings withCredentials(String username, String password) {
        return new RedisSettings(cluster, nodes, database, username, password, timeout);
    }

    @Override
    public String toString() {
        // never the password
        return (cluster ? "redis-cluster " : "redis ") + nodes + (database == 0 ? "" : " db " + database);
    }
}
