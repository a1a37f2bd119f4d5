package io.sockudo.server.config;

import static io.sockudo.server.config.Configs.load;
import static io.sockudo.server.config.Configs.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueDriverTest {

    @Test
    void theMemoryQueueIsTheDefault() {
        assertThat(read("{}").stores().queue()).isEqualTo(QueueConfig.MEMORY);
        assertThat(load("{\"queue\": {\"driver\": \"memory\"}}").unsupportedKeys()).isEmpty();
    }

    @Test
    void theRedisQueueTakesSockudosPrefixAndLeaseKeys() {
        QueueConfig q = read("""
                {"queue": {"driver": "redis", "redis": {"prefix": "q:", "url_override": "redis://10.0.0.5:7000"},
                           "reliability": {"lease_duration_ms": 5000, "lease_renew_interval_ms": 1000}}}""").stores().queue();
        assertThat(q.driver()).isEqualTo("redis");
        assertThat(q.prefix()).isEqualTo("q:");
        assertThat(q.redis().nodes()).extracting(Object::toString).containsExactly("10.0.0.5:7000");
        assertThat(q.leases().duration()).isEqualTo(Duration.ofSeconds(5));
        assertThat(q.leases().renewInterval()).isEqualTo(Duration.ofSeconds(1));

        QueueConfig cluster = read("{}", Map.of("QUEUE_DRIVER", "redis-cluster", "REDIS_CLUSTER_NODES", "10.0.0.1:7000"))
                .stores().queue();
        assertThat(cluster.redis().cluster()).isTrue();
        assertThat(cluster.prefix()).isEqualTo("sockudo_queue:");

        assertThatThrownBy(() -> read("{\"queue\": {\"reliability\": {\"lease_duration_ms\": 1000, \"lease_renew_interval_ms\": 1000}}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("queue.reliability");
    }

    @Test
    void sqsAndSnsStopTheLauncher() {
        assertThatThrownBy(() -> load("{\"queue\": {\"driver\": \"sqs\"}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.json: queue.driver \"sqs\" is not available in this server yet (available: memory, redis, redis-cluster); refusing to start without it");
        assertThatThrownBy(() -> load("{}", Map.of("QUEUE_DRIVER", "SNS")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("environment variable QUEUE_DRIVER \"sns\" is not available");
        assertThatThrownBy(() -> load("{\"queue\": {\"driver\": \"kafka\"}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config.json: queue.driver \"kafka\" is not a known driver (available: memory, redis, redis-cluster)");
    }
}
