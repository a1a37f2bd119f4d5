package io.sockudo.server.config;

import static io.sockudo.server.config.Configs.onlyApp;
import static io.sockudo.server.config.Configs.read;
import static io.sockudo.server.config.Configs.withApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockudo.adapter.app.App;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What sockudo config files and environments in the wild write, and how it is read here. */
class SockudoLeniencyTest {

    private static final Map<String, String> DEFAULT_APP = Map.of(
            "SOCKUDO_DEFAULT_APP_ID", "env-id", "SOCKUDO_DEFAULT_APP_KEY", "env-key",
            "SOCKUDO_DEFAULT_APP_SECRET", "env-secret");

    @Test
    void aNumericAppIdIsItsDecimalString() {
        ServerConfig config = read("""
                {"app_manager": {"array": {"apps": [{"id": 40000, "key": 12345, "secret": 987654321987654321987}]}}}""");
        App app = onlyApp(config);
        assertThat(app.id()).isEqualTo("40000");
        assertThat(app.key()).isEqualTo("12345");
        assertThat(app.secret()).isEqualTo("987654321987654321987");
    }

    @Test
    void aNumericIdStillHasToBeUnique() {
        assertThatThrownBy(() -> read("""
                {"app_manager": {"array": {"apps": [
                  {"id": 7, "key": "a", "secret": "s"}, {"id": "7", "key": "b", "secret": "s"}]}}}"""))
                .hasMessage("config.json: app_manager.array.apps[1].id \"7\" is already the id of app_manager.array.apps[0]");
    }

    @Test
    void anIdThatIsNeitherTextNorAWholeNumberIsRefused() {
        assertThatThrownBy(() -> read(withApp("").replace("\"id\":\"1\"", "\"id\":1.5")))
                .hasMessage("config.json: app_manager.array.apps[0].id: expected a string or a whole number, got 1.5");
        assertThatThrownBy(() -> read(withApp("").replace("\"id\":\"1\"", "\"id\":true")))
                .hasMessage("config.json: app_manager.array.apps[0].id: expected a string or a whole number, got true");
    }

    @Test
    void fractionalKbLimitsAreHeldInBytes() {
        App app = onlyApp(read(withApp("\"max_event_payload_in_kb\": 0.5, \"max_presence_member_size_in_kb\": \"1.25\"")));
        assertThat(app.maxEventPayloadBytes()).isEqualTo(512);
        assertThat(app.maxPresenceMemberSizeBytes()).isEqualTo(1280);
    }

    @Test
    void aFractionOfAByteIsRoundedDownSoTheLimitNeverAllowsMoreThanItSays() {
        App app = onlyApp(read(withApp("\"max_event_payload_in_kb\": 0.1")));
        assertThat(app.maxEventPayloadBytes()).isEqualTo(102);
    }

    @Test
    void aPositiveLimitBelowOneByteIsOneByteBecauseZeroMeansNoLimit() {
        assertThat(onlyApp(read(withApp("\"max_event_payload_in_kb\": 0.0001"))).maxEventPayloadBytes()).isEqualTo(1);
        assertThat(onlyApp(read(withApp("\"max_event_payload_in_kb\": 0"))).maxEventPayloadBytes()).isZero();
    }

    @Test
    void fractionalKbLimitsInThePolicyFormAndFromTheEnvironment() {
        App policy = onlyApp(read(withApp("\"policy\": {\"limits\": {\"max_event_payload_in_kb\": 2.5}}")));
        assertThat(policy.maxEventPayloadBytes()).isEqualTo(2560);

        Map<String, String> env = new java.util.HashMap<>(DEFAULT_APP);
        env.put("SOCKUDO_DEFAULT_APP_MAX_PRESENCE_MEMBER_SIZE_IN_KB", "0.75");
        assertThat(onlyApp(read("{}", env)).maxPresenceMemberSizeBytes()).isEqualTo(768);
    }

    @Test
    void wholeKbLimitsStayWhatTheyWere() {
        App app = onlyApp(read(withApp("\"max_event_payload_in_kb\": 20")));
        assertThat(app).isEqualTo(App.builder("1", "k", "s").maxEventPayloadInKb(20).build());
        assertThat(app.maxEventPayloadBytes()).isEqualTo(20 * 1024);
    }

    @Test
    void aNegativeOrNonNumericKbLimitIsRefused() {
        assertThatThrownBy(() -> read(withApp("\"max_event_payload_in_kb\": -0.5")))
                .hasMessageStartingWith("config.json: app_manager.array.apps[0].max_event_payload_in_kb: expected a number from 0.0 to ")
                .hasMessageEndingWith(", got -0.5");
        assertThatThrownBy(() -> read(withApp("\"max_event_payload_in_kb\": \"half\"")))
                .hasMessageEndingWith(", got \"half\"");
    }

    @Test
    void aFractionalHttpRequestLimitInMbIsHeldInBytes() {
        assertThat(read("{\"http_api\": {\"request_limit_in_mb\": 0.5}}").maxHttpBodyBytes()).isEqualTo(512 * 1024);
        assertThat(read("{\"http_api\": {\"request_limit_in_mb\": 3}}").maxHttpBodyBytes()).isEqualTo(3L * 1024 * 1024);
    }

    @Test
    void theDefaultAppFromTheEnvironmentIsAddedNextToTheAppsOfTheFile() {
        ServerConfig config = read(withApp(""), DEFAULT_APP);
        assertThat(config.apps()).extracting(App::id).containsExactly("1", "env-id");
        assertThat(config.apps().get(0)).isEqualTo(App.builder("1", "k", "s").build());
        assertThat(config.apps().get(1)).isEqualTo(App.builder("env-id", "env-key", "env-secret").build());
    }

    @Test
    void withoutAppsInTheFileTheDefaultAppFromTheEnvironmentIsTheOnlyOne() {
        assertThat(read("{}", DEFAULT_APP).apps()).extracting(App::id)
                .as("not beside the built-in app-id").containsExactly("env-id");
    }

    @Test
    void theDefaultAppFromTheEnvironmentTakesThePlaceOfTheFileAppWithItsId() {
        Map<String, String> env = new java.util.HashMap<>(DEFAULT_APP);
        env.put("SOCKUDO_DEFAULT_APP_ID", "40000");
        ServerConfig config = read("""
                {"app_manager": {"array": {"apps": [
                  {"id": 40000, "key": "file-key", "secret": "file-secret"},
                  {"id": "2", "key": "other-key", "secret": "s"}]}}}""", env);
        assertThat(config.apps()).extracting(App::key).containsExactly("other-key", "env-key");
        assertThat(config.apps().get(1).id()).isEqualTo("40000");
    }

    @Test
    void theDefaultAppFromTheEnvironmentCannotTakeTheKeyOfAnotherApp() {
        Map<String, String> env = new java.util.HashMap<>(DEFAULT_APP);
        env.put("SOCKUDO_DEFAULT_APP_KEY", "k");
        assertThatThrownBy(() -> read(withApp(""), env))
                .hasMessage("environment variable SOCKUDO_DEFAULT_APP_KEY \"k\" is already the key of app_manager.array.apps[0]");
    }

    @Test
    void skippingInlineAppsLeavesOnlyTheDefaultAppFromTheEnvironment() {
        Map<String, String> env = new java.util.HashMap<>(DEFAULT_APP);
        env.put("SOCKUDO_SKIP_INLINE_APPS", "true");
        assertThat(read(withApp(""), env).apps()).extracting(App::id).containsExactly("env-id");
    }

    @Test
    void aDisabledDefaultAppIsNotAdded() {
        Map<String, String> env = new java.util.HashMap<>(DEFAULT_APP);
        env.put("SOCKUDO_DEFAULT_APP_ENABLED", "false");
        assertThat(read(withApp(""), env).apps()).extracting(App::id).containsExactly("1");
    }
}
