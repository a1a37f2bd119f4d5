package io.sockudo.server.config;

import static io.sockudo.server.config.Configs.load;
import static io.sockudo.server.config.Configs.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TestPageConfigTest {

    @Test
    void thePageIsOffByDefault() {
        assertThat(ServerConfig.defaults().testPage()).isEqualTo(new TestPageConfig(false, "/test-page"));
        assertThat(read("{}").testPage().enabled()).isFalse();
    }

    @Test
    void theFileEnablesItAndMovesIt() {
        LoadedConfig loaded = load("{\"test_page\":{\"enabled\":true,\"path\":\"/dev/playground\"}}");
        assertThat(loaded.config().testPage()).isEqualTo(new TestPageConfig(true, "/dev/playground"));
        assertThat(loaded.unsupportedKeys()).isEmpty();
    }

    @Test
    void theEnvironmentWinsOverTheFile() {
        ServerConfig config = read("{\"test_page\":{\"enabled\":false,\"path\":\"/a\"}}",
                Map.of("TEST_PAGE_ENABLED", "true", "TEST_PAGE_PATH", "/b"));
        assertThat(config.testPage()).isEqualTo(new TestPageConfig(true, "/b"));
    }

    @Test
    void aPathThatIsNotAPlainPathOrOverlapsTheApiIsRefused() {
        for (String path : new String[] {"test", "/", "/test/", "/a//b", "/a/../b", "/a b", "/app", "/apps/x", "/up", "/usage"}) {
            assertThatThrownBy(() -> read("{\"test_page\":{\"path\":\"" + path + "\"}}"))
                    .as(path).isInstanceOf(ConfigException.class).hasMessageContaining("test_page.path");
        }
    }
}
