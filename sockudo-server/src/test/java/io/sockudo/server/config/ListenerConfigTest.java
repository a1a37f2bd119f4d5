package io.sockudo.server.config;

import static io.sockudo.server.config.Configs.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sockudo.server.testing.Certificates;
import io.sockudo.transport.http.CorsPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ssl}, {@code cors}, {@code path_prefix} and {@code unix_socket}: read, or refused with the key named. */
class ListenerConfigTest {

    @TempDir
    Path dir;

    private static String ssl(String fields) {
        return "{\"ssl\": {\"enabled\": true" + (fields.isEmpty() ? "" : ", " + fields) + "}}";
    }

    private static String path(Path p) {
        return p.toString().replace("\\", "\\\\");
    }

    @Test
    void defaultsAreSockudos() {
        ListenerConfig l = ServerConfig.defaults().listener();
        assertThat(l.tls()).isEqualTo(TlsConfig.OFF);
        assertThat(l.cors()).isEqualTo(CorsPolicy.DEFAULTS);
        assertThat(l.cors().credentials()).as("forced off with *").isFalse();
        assertThat(l.pathPrefix()).isEmpty();
    }

    @Test
    void aDisabledSslSectionWithEmptyPathsIsFine() {
        assertThat(read("{\"ssl\": {\"enabled\": false, \"cert_path\": \"\", \"key_path\": \"\"}}").listener().tls().enabled())
                .isFalse();
    }

    @Test
    void sslWithUsableCertificatesIsRead() {
        Certificates.Pair rsa = Certificates.rsa(dir, "ok");
        TlsConfig tls = read(ssl("\"cert_path\": \"" + path(rsa.cert()) + "\", \"key_path\": \"" + path(rsa.encrypted())
                + "\", \"passphrase\": \"" + Certificates.PASSPHRASE + "\", \"redirect_http\": true, \"http_port\": 8080"))
                .listener().tls();
        assertThat(tls).isEqualTo(new TlsConfig(true, rsa.cert(), rsa.encrypted(), Certificates.PASSPHRASE, true, 8080));
        assertThat(tls.toString()).doesNotContain(Certificates.PASSPHRASE);
    }

    @Test
    void sslEnabledWithoutUsableCertificatesIsRefusedNamingWhy() throws Exception {
        Certificates.Pair rsa = Certificates.rsa(dir, "rsa");
        Certificates.Pair ec = Certificates.ec(dir, "ec");
        Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a pem file");

        assertThatThrownBy(() -> read(ssl(""))).hasMessage("config.json: ssl.cert_path is required when ssl.enabled is true");
        assertThatThrownBy(() -> read(ssl("\"cert_path\": \"" + path(rsa.cert()) + "\", \"key_path\": \"\"")))
                .hasMessage("config.json: ssl.key_path is required when ssl.enabled is true");
        assertThatThrownBy(() -> read(ssl("\"cert_path\": \"" + path(dir.resolve("missing.pem")) + "\", \"key_path\": \""
                + path(rsa.pkcs8()) + "\"")))
                .hasMessageStartingWith("config.json: ssl.enabled is true but the certificate cannot be used: ")
                .hasMessageContaining("missing.pem: cannot be read");
        assertThatThrownBy(() -> read(ssl("\"cert_path\": \"" + path(garbage) + "\", \"key_path\": \"" + path(rsa.pkcs8()) + "\"")))
                .hasMessageContaining("garbage.pem: no PEM CERTIFICATE block");
        assertThatThrownBy(() -> read(ssl("\"cert_path\": \"" + path(rsa.cert()) + "\", \"key_path\": \"" + path(rsa.cert()) + "\"")))
                .hasMessageContaining("no PEM private key block");
        assertThatThrownBy(() -> read(ssl("\"cert_path\": \"" + path(rsa.cert()) + "\", \"key_path\": \"" + path(ec.pkcs8()) + "\"")))
                .hasMessageContaining("a EC key does not go with the RSA certificate");
        assertThatThrownBy(() -> read(ssl("\"cert_path\": \"" + path(rsa.cert()) + "\", \"key_path\": \"" + path(rsa.encrypted()) + "\"")))
                .hasMessageContaining("the key is encrypted and ssl.passphrase is not set");
        assertThatThrownBy(() -> read(ssl("\"cert_path\": \"" + path(rsa.cert()) + "\", \"key_path\": \"" + path(rsa.encrypted())
                + "\", \"passphrase\": \"wrong\"")))
                .hasMessageContaining("the key cannot be decrypted with ssl.passphrase");
    }

    @Test
    void aUnixSocketIsRefusedBecauseTheNetworkLayerHasNone() {
        assertThatThrownBy(() -> read("{\"unix_socket\": {\"enabled\": true, \"path\": \"/tmp/s.sock\", \"permission_mode\": \"660\"}}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("config.json: unix_socket.enabled is true, but this server cannot listen on a Unix socket");
        assertThatThrownBy(() -> read("{}", Map.of("UNIX_SOCKET_ENABLED", "true")))
                .hasMessageStartingWith("environment variable UNIX_SOCKET_ENABLED is true, but");
        LoadedConfig off = Configs.load("{\"unix_socket\": {\"enabled\": false, \"path\": \"/tmp/s.sock\", \"permission_mode\": 660}}");
        assertThat(off.unsupportedKeys()).isEmpty();
    }

    @Test
    void corsIsReadFromArraysOrCommaLists() {
        CorsPolicy cors = read("""
                {"cors": {"origin": ["https://a.example", "https://*.b.example"], "methods": ["GET"],
                          "allowed_headers": ["X-One"], "credentials": true}}""").listener().cors();
        assertThat(cors).isEqualTo(new CorsPolicy(List.of("https://a.example", "https://*.b.example"), List.of("GET"),
                List.of("X-One"), true));
        CorsPolicy fromEnv = read("{}", Map.of("CORS_ORIGINS", "https://a.example, https://c.example",
                "CORS_METHODS", "GET,POST", "CORS_HEADERS", "X-Two", "CORS_CREDENTIALS", "false")).listener().cors();
        assertThat(fromEnv).isEqualTo(new CorsPolicy(List.of("https://a.example", "https://c.example"), List.of("GET", "POST"),
                List.of("X-Two"), false));
        assertThatThrownBy(() -> read("{\"cors\": {\"origin\": []}}")).hasMessage("config.json: cors.origin must name at least one origin, or \"*\"");
    }

    @Test
    void thePathPrefixIsNormalizedAndAStrangeOneRefused() {
        assertThat(read("{\"path_prefix\": \"/\"}").listener().pathPrefix()).isEmpty();
        assertThat(read("{\"path_prefix\": \"/pusher/\"}").listener().pathPrefix()).isEqualTo("/pusher");
        assertThat(read("{\"path_prefix\": \"ws/v1\"}").listener().pathPrefix()).isEqualTo("/ws/v1");
        assertThatThrownBy(() -> read("{\"path_prefix\": \"/a b\"}"))
                .hasMessage("config.json: path_prefix: expected a path such as \"/\" or \"/pusher\", got \"/a b\"");
        assertThatThrownBy(() -> read("{\"path_prefix\": \"/a?b=1\"}")).hasMessageContaining("path_prefix");
    }
}
