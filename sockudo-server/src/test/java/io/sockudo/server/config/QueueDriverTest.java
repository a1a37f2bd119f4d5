package io.sockudo.server.config;

import static io.sockudo.server.config.Configs.load;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class QueueDriverTest {

    @Test
    void theMemoryQueueIsNotReported() {
        assertThat(load("{\"queue\": {\"driver\": \"memory\"}}").unsupportedKeys()).isEmpty();
    }

    @Test
    void sockudosRedisQueueIsReportedAsQueuedInMemory() {
        assertThat(load("{\"queue\": {\"driver\": \"redis\", \"redis\": {\"prefix\": \"q:\"}}}").unsupportedKeys())
                .containsExactly("queue.driver (webhooks are queued in this node's memory)", "queue.redis");
        assertThat(load("{}", Map.of("QUEUE_DRIVER", "redis-cluster")).unsupportedKeys())
                .containsExactly("queue.driver (webhooks are queued in this node's memory)");
    }

    @Test
    void sqsAndSnsStopTheLauncher() {
        assertThatThrownBy(() -> load("{\"queue\": {\"driver\": \"sqs\"}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("config.json: queue.driver \"sqs\" is not a driver this server has: webhooks are delivered "
                        + "from this node's memory queue; use memory");
        assertThatThrownBy(() -> load("{}", Map.of("QUEUE_DRIVER", "SNS")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("environment variable QUEUE_DRIVER \"sns\" is not a driver");
        assertThatThrownBy(() -> load("{\"queue\": {\"driver\": \"kafka\"}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config.json: queue.driver \"kafka\" is not a driver this server has; use one of memory, redis, redis-cluster");
    }
}
