package io.sockudo.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockudo.adapter.EngineOptions;
import org.junit.jupiter.api.Test;

/** {@code presence.max_user_id_length} and {@code channel_limits.max_channels_per_connection}. */
class ConnectionLimitsConfigTest {

    @Test
    void pushersUserIdCapAndAThousandChannelsByDefault() {
        EngineOptions engine = Configs.read("{}").engineOptions();

        assertThat(engine.maxUserIdLength()).isEqualTo(128);
        assertThat(engine.maxChannelsPerConnection()).isEqualTo(1000);
    }

    @Test
    void bothAreRead() {
        LoadedConfig loaded = Configs.load("""
                {"presence": {"max_user_id_length": 64, "max_members_per_channel": 100},
                 "channel_limits": {"max_channels_per_connection": 20}}""");
        EngineOptions engine = loaded.config().engineOptions();

        assertThat(engine.maxUserIdLength()).isEqualTo(64);
        assertThat(engine.maxChannelsPerConnection()).isEqualTo(20);
        assertThat(loaded.unsupportedKeys()).containsExactly("presence.max_members_per_channel");
    }

    @Test
    void zeroLiftsTheChannelCap() {
        assertThat(Configs.read("{\"channel_limits\": {\"max_channels_per_connection\": 0}}").engineOptions()
                .maxChannelsPerConnection()).isZero();
    }

    @Test
    void outOfRangeValuesStopTheLauncher() {
        assertThatThrownBy(() -> Configs.read("{\"presence\": {\"max_user_id_length\": 0}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("presence.max_user_id_length");
        assertThatThrownBy(() -> Configs.read("{\"channel_limits\": {\"max_channels_per_connection\": -1}}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("channel_limits.max_channels_per_connection");
    }
}
