package io.sockudo.server.config;

import static io.sockudo.server.config.Configs.load;
import static io.sockudo.server.config.Configs.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockudo.adapter.cluster.AdapterSettings;
import io.sockudo.adapter.cluster.ClusterHealth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdapterConfigTest {

    @Test
    void theLocalAdapterIsTheDefault() {
        assertThat(read("{}").adapter()).isEqualTo(AdapterSettings.DEFAULTS);
    }

    @Test
    void readsSockudosAdapterSection() {
        AdapterSettings a = read("""
                {"adapter": {
                  "driver": "nats",
                  "redis": {"requests_timeout": 3000, "prefix": "p:", "redis_pub_options": {"url": "redis://10.0.0.5:6380"},
                            "redis_sub_options": {"url": "redis://10.0.0.5:6380"}, "cluster_mode": false},
                  "cluster": {"nodes": ["redis://a:7000", "redis://b:7001"], "prefix": "c:", "request_timeout_ms": 900},
                  "nats": {"servers": ["nats://n1:4333", "nats://n2:4333"], "prefix": "n:", "request_timeout_ms": 4000,
                           "username": "u", "password": "pw", "connection_timeout_ms": 2500},
                  "cluster_health": {"enabled": true, "heartbeat_interval_ms": 1000, "node_timeout_ms": 3000, "cleanup_interval_ms": 500},
                  "enable_socket_counting": true
                }}""").adapter();
        assertThat(a.driver()).isEqualTo("nats");
        assertThat(a.redis().url()).isEqualTo("redis://10.0.0.5:6380");
        assertThat(a.redis().prefix()).isEqualTo("p:");
        assertThat(a.redis().requestsTimeoutMs()).isEqualTo(3000);
        assertThat(a.cluster().nodes()).containsExactly("redis://a:7000", "redis://b:7001");
        assertThat(a.cluster().requestTimeoutMs()).isEqualTo(900);
        assertThat(a.nats().servers()).containsExactly("nats://n1:4333", "nats://n2:4333");
        assertThat(a.nats().username()).isEqualTo("u");
        assertThat(a.nats().token()).isNull();
        assertThat(a.clusterHealth()).isEqualTo(new ClusterHealth(true, 1000, 3000, 500));
    }

    @Test
    void sockudosVariablesWinOverTheFile() {
        AdapterSettings a = read("{\"adapter\": {\"driver\": \"local\"}}", Map.of(
                "ADAPTER_DRIVER", "redis-cluster",
                "REDIS_URL", "redis://r:6390",
                "REDIS_CLUSTER_NODES", "redis://a:7000, redis://b:7001",
                "NATS_SERVERS", "nats://x:1,nats://y:2",
                "NATS_PREFIX", "np:",
                "NATS_TOKEN", "t",
                "CLUSTER_HEALTH_HEARTBEAT_INTERVAL", "200",
                "CLUSTER_HEALTH_NODE_TIMEOUT", "900")).adapter();
        assertThat(a.driver()).isEqualTo("redis-cluster");
        assertThat(a.redis().url()).isEqualTo("redis://r:6390");
        assertThat(a.cluster().nodes()).isEqualTo(List.of("redis://a:7000", "redis://b:7001"));
        assertThat(a.nats().servers()).isEqualTo(List.of("nats://x:1", "nats://y:2"));
        assertThat(a.nats().prefix()).isEqualTo("np:");
        assertThat(a.nats().token()).isEqualTo("t");
        assertThat(a.clusterHealth().heartbeatIntervalMs()).isEqualTo(200);
        assertThat(a.clusterHealth().nodeTimeoutMs()).isEqualTo(900);
    }

    @Test
    void aDriverThisServerDoesNotHaveStopsTheLauncher() {
        assertThatThrownBy(() -> read("{\"adapter\": {\"driver\": \"rabbitmq\"}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("adapter.driver")
                .hasMessageContaining("rabbitmq")
                .hasMessageContaining("local, nats, redis, redis-cluster");
        assertThatThrownBy(() -> read("{}", Map.of("ADAPTER_DRIVER", "kafka")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka");
    }

    @Test
    void aNodeTimeoutNotLongerThanTheHeartbeatIsRefused() {
        assertThatThrownBy(() -> read("{\"adapter\": {\"cluster_health\": {\"heartbeat_interval_ms\": 1000, \"node_timeout_ms\": 1000}}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("adapter.cluster_health.node_timeout_ms");
    }

    @Test
    void fallingBackToAnIslandIsNotOffered() {
        assertThat(load("{\"adapter\": {\"driver\": \"redis\", \"fallback_to_local\": true}}").unsupportedKeys())
                .containsExactly("adapter.fallback_to_local (a node never falls back to running alone)");
        assertThat(load("{\"adapter\": {\"fallback_to_local\": false}}").unsupportedKeys()).isEmpty();
    }
}
