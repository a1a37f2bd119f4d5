package io.sockudo.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.testing.Certificates;
import io.sockudo.testkit.JsonTree;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --print-config}: the effective configuration as JSON, secrets masked. */
class PrintConfigTest {

    @Test
    void printsTheEffectiveSettingsInSnakeCase() {
        ServerConfig config = Configs.read("{\"port\": 7001, \"path_prefix\": \"/ws\"}", Map.of("METRICS_PORT", "9800"));
        Map<String, Object> json = JsonTree.object(ConfigPrinter.toJson(config));

        assertThat(json).containsEntry("port", 7001L).containsEntry("host", "0.0.0.0");
        assertThat(JsonTree.at(json, "metrics", "port")).isEqualTo(9800L);
        assertThat(JsonTree.at(json, "listener", "path_prefix")).isEqualTo("/ws");
        assertThat(JsonTree.at(json, "activity_timeout")).as("durations in ISO-8601").isEqualTo("PT2M");
        assertThat(JsonTree.at(json, "listener", "cors", "origins", 0)).isEqualTo("*");
    }

    @Test
    void appSecretsAndTheTlsPassphraseAreMasked(@TempDir Path dir) {
        Certificates.Pair rsa = Certificates.rsa(dir, "print");
        ServerConfig config = Configs.read(Configs.withApp("").replace("}]}}}", "}]}}, \"ssl\": {\"enabled\": true, "
                + "\"cert_path\": \"" + rsa.cert() + "\", \"key_path\": \"" + rsa.encrypted() + "\", \"passphrase\": \""
                + Certificates.PASSPHRASE + "\"}}"));
        String text = ConfigPrinter.toJson(config);
        Map<String, Object> json = JsonTree.object(text);

        assertThat(JsonTree.at(json, "apps", 0, "key")).isEqualTo("k");
        assertThat(JsonTree.at(json, "apps", 0, "secret")).isEqualTo("***");
        assertThat(JsonTree.at(json, "listener", "tls", "passphrase")).isEqualTo("***");
        assertThat(JsonTree.at(json, "listener", "tls", "cert_path")).isEqualTo(rsa.cert().toString());
        assertThat(text).doesNotContain(Certificates.PASSPHRASE).doesNotContain("\"s\"");
    }

    /** Any record field named for a secret is masked, wherever it sits: sections added later are covered. */
    @Test
    void everyFieldNamedForASecretIsMasked() {
        record Database(String host, String password, String redisPassword, String accessToken, String awsSecretAccessKey) {
        }
        String text = ConfigPrinter.toJson((Object) new Database("db", "p1", "p2", "p3", "p4"));
        assertThat(JsonTree.object(text)).containsEntry("host", "db").containsEntry("password", "***")
                .containsEntry("redis_password", "***").containsEntry("access_token", "***")
                .containsEntry("aws_secret_access_key", "***");
    }
}
