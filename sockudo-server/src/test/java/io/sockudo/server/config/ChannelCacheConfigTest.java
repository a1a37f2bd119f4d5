package io.sockudo.server.config;

import static io.sockudo.server.config.Configs.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockudo.store.redis.RedisSettings;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChannelCacheConfigTest {

    @Test
    void memoryIsTheDefault() {
        assertThat(read("{}").stores().channelCache()).isEqualTo(ChannelCacheConfig.MEMORY);
        assertThat(read("{\"cache\": {\"driver\": \"None\"}}").stores().channelCache().driver()).isEqualTo("none");
    }

    @Test
    void redisTakesDatabaseRedisOrTheUrlOverride() {
        ChannelCacheConfig c = read("""
                {"cache": {"driver": "redis", "redis": {"prefix": "mine:"}},
                 "database": {"redis": {"host": "redis.internal", "port": 6380, "db": 2, "password": "pw"}}}""")
                .stores().channelCache();
        assertThat(c.prefix()).isEqualTo("mine:");
        assertThat(c.redis().cluster()).isFalse();
        assertThat(c.redis().nodes()).containsExactly(new RedisSettings.Node("redis.internal", 6380));
        assertThat(c.redis().database()).isEqualTo(2);
        assertThat(c.redis().password()).isEqualTo("pw");

        ChannelCacheConfig fromEnv = read("{}", Map.of("CACHE_DRIVER", "redis", "REDIS_URL", "redis://u:secret@10.0.0.5:7000/3"))
                .stores().channelCache();
        assertThat(fromEnv.prefix()).isEqualTo("sockudo_cache:");
        assertThat(fromEnv.redis().nodes()).containsExactly(new RedisSettings.Node("10.0.0.5", 7000));
        assertThat(fromEnv.redis().username()).isEqualTo("u");
        assertThat(fromEnv.redis().password()).isEqualTo("secret");
        assertThat(fromEnv.redis().database()).isEqualTo(3);
        assertThat(fromEnv.redis().toString()).doesNotContain("secret");
    }

    @Test
    void aRedisClusterNeedsSeedNodes() {
        ChannelCacheConfig c = read("{\"cache\": {\"driver\": \"redis-cluster\"}}",
                Map.of("REDIS_CLUSTER_NODES", "10.0.0.1:7000, 10.0.0.2:7001")).stores().channelCache();
        assertThat(c.redis().cluster()).isTrue();
        assertThat(c.redis().nodes()).extracting(RedisSettings.Node::toString).isEqualTo(List.of("10.0.0.1:7000", "10.0.0.2:7001"));

        assertThatThrownBy(() -> read("{\"cache\": {\"driver\": \"redis-cluster\"}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config.json: database.redis.cluster.nodes is required for a Redis Cluster");
        assertThatThrownBy(() -> read("{\"cache\": {\"driver\": \"redis\", \"redis\": {\"url_override\": \"http://x\"}}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("cache.redis.url_override");
    }

    @Test
    void aCacheDriverThisServerLacksStopsTheLauncher() {
        assertThatThrownBy(() -> read("{\"cache\": {\"driver\": \"memcached\"}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.json: cache.driver \"memcached\" is not a known driver (available: memory, none, redis, redis-cluster); refusing to start without it");
    }
}
