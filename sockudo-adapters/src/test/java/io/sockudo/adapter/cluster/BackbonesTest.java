package io.sockudo.adapter.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockudo.adapter.cluster.drivers.Backbones;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BackbonesTest {

    @Test
    void sockudosDefaults() {
        AdapterSettings s = AdapterSettings.DEFAULTS;
        assertThat(s.driver()).isEqualTo("local");
        assertThat(s.redis()).isEqualTo(new RedisSettings("redis://127.0.0.1:6379", "sockudo_adapter:", 5_000, false));
        assertThat(s.cluster()).isEqualTo(new RedisClusterSettings(List.of(), "sockudo_adapter:", 1_000));
        assertThat(s.nats().servers()).containsExactly("nats://localhost:4222");
        assertThat(s.nats().requestTimeoutMs()).isEqualTo(5_000);
        assertThat(s.nats().connectionTimeoutMs()).isEqualTo(5_000);
        assertThat(s.clusterHealth()).isEqualTo(new ClusterHealth(true, 10_000, 30_000, 10_000));
    }

    @Test
    void theChannelNamesAreSockudos() {
        Subjects redis = Subjects.redis("sockudo_adapter:");
        assertThat(redis.of(Destination.BROADCAST)).isEqualTo("sockudo_adapter::#broadcast");
        assertThat(redis.of(Destination.REQUESTS)).isEqualTo("sockudo_adapter::#requests");
        assertThat(redis.of(Destination.RESPONSES)).isEqualTo("sockudo_adapter::#responses");
        assertThat(redis.of(Destination.node("n1"))).isEqualTo("sockudo_adapter::#node:n1");
        Subjects nats = Subjects.nats("sockudo");
        assertThat(nats.of(Destination.BROADCAST)).isEqualTo("sockudo.broadcast");
        assertThat(nats.of(Destination.node("n1"))).isEqualTo("sockudo.node.n1");
    }

    @Test
    void environmentVariablesOverrideTheFile() {
        AdapterSettings s = AdapterSettings.DEFAULTS.withEnv(Map.of(
                "ADAPTER_DRIVER", "nats",
                "REDIS_URL", "redis://10.0.0.1:6380/2",
                "REDIS_CLUSTER_NODES", "10.0.0.1:7101, 10.0.0.2:7101",
                "NATS_SERVERS", "nats://a:4333,nats://b:4333",
                "NATS_TOKEN", "t",
                "CLUSTER_HEALTH_HEARTBEAT_INTERVAL", "1000",
                "CLUSTER_HEALTH_NODE_TIMEOUT", "3000"));
        assertThat(s.driver()).isEqualTo("nats");
        assertThat(s.redis().url()).isEqualTo("redis://10.0.0.1:6380/2");
        assertThat(s.cluster().nodes()).containsExactly("10.0.0.1:7101", "10.0.0.2:7101");
        assertThat(s.nats().servers()).containsExactly("nats://a:4333", "nats://b:4333");
        assertThat(s.nats().token()).isEqualTo("t");
        assertThat(s.clusterHealth()).isEqualTo(new ClusterHealth(true, 1_000, 3_000, 10_000));
        assertThat(AdapterSettings.DEFAULTS.withEnv(Map.of())).isEqualTo(AdapterSettings.DEFAULTS);
    }

    @Test
    void aHeartbeatMustFitThreeTimesInTheNodeTimeout() {
        assertThatThrownBy(() -> new ClusterHealth(true, 10_001, 30_000, 10_000))
                .hasMessageContaining("heartbeat_interval_ms");
        assertThatThrownBy(() -> AdapterSettings.DEFAULTS.withEnv(Map.of("CLUSTER_HEALTH_NODE_TIMEOUT", "soon")))
                .hasMessageContaining("CLUSTER_HEALTH_NODE_TIMEOUT");
    }

    @Test
    void theLocalDriverHasNoBackbone() {
        assertThat(Backbones.create(AdapterSettings.DEFAULTS, "n1")).isEmpty();
    }

    @Test
    void aDriverThisServerDoesNotHaveIsRefused() {
        AdapterSettings kafka = AdapterSettings.DEFAULTS.withEnv(Map.of("ADAPTER_DRIVER", "kafka"));
        assertThatThrownBy(() -> Backbones.create(kafka, "n1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("adapter.driver \"kafka\" is not one of [local, redis, redis-cluster, nats]");
    }

    @Test
    void aRedisClusterWithoutNodesIsRefused() {
        AdapterSettings cluster = AdapterSettings.DEFAULTS.withEnv(Map.of("ADAPTER_DRIVER", "redis-cluster"));
        assertThatThrownBy(() -> Backbones.create(cluster, "n1")).hasMessageContaining("REDIS_CLUSTER_NODES");
    }

    @Test
    void redisAndNatsBackbonesAreMadeWithoutConnecting() {
        AdapterSettings redis = AdapterSettings.DEFAULTS.withEnv(Map.of("ADAPTER_DRIVER", "redis"));
        try (Backbone b = Backbones.create(redis, "n1").orElseThrow()) {
            assertThat(b.nodeId()).isEqualTo("n1");
            assertThat(b.connected()).isFalse();
        }
        AdapterSettings nats = AdapterSettings.DEFAULTS.withEnv(Map.of("ADAPTER_DRIVER", "nats"));
        try (Backbone b = Backbones.create(nats, "n1").orElseThrow()) {
            assertThat(b.peers()).isEmpty();
        }
    }
}
