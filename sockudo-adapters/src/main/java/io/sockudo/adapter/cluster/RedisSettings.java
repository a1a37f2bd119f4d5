package io.sockudo.adapter.cluster;

import java.util.Objects;

/**
 * sockudo's {@code adapter.redis}.
 *
 * @param url               the server, {@code redis[s]://[user:password@]host:port[/db]}
 *                          ({@code REDIS_URL}; sockudo's {@code redis_pub_options.url})
 * @param requestsTimeoutMs {@code requests_timeout}: how long a request waits for the peers
 * @param clusterMode       {@code cluster_mode}: the url names a seed node of a Redis Cluster
 */
public record RedisSettings(String url, String prefix, long requestsTimeoutMs, boolean clusterMode) {

    public static final RedisSettings DEFAULTS = new RedisSettings("redis://127.0.0.1:6379", AdapterSettings.DEFAULT_PREFIX, 5_000, false);

    public RedisSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(prefix, "prefix");
    }

    public RedisSettings withUrl(String url) {
        return new RedisSettings(url, prefix, requestsTimeoutMs, clusterMode);
    }
}
