package io.sockudo.server.ship;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.testing.NodeScript;
import io.sockudo.testkit.ToolRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Makefile's targets, as {@code make -n} shows them, and the certificate {@code make gen-cert} makes. */
class MakefileTest {

    @TempDir
    Path dir;

    @Test
    void everyTargetRunsWhatItSays() {
        assertThat(dryRun("up")).contains("docker compose -p sockudo up -d --build");
        assertThat(dryRun("down")).contains("docker compose -p sockudo down");
        assertThat(dryRun("run")).contains("java -jar sockudo-server/target/sockudo-server.jar");
        assertThat(dryRun("test")).contains("scripts/test.sh");
        assertThat(dryRun("bench")).contains("sockudo-bench/scripts/fanout.sh");
        assertThat(dryRun("gen-cert")).contains("scripts/gen-cert.sh certs");
        assertThat(dryRun("cluster-test")).contains("scripts/cluster-test.sh");
        for (String script : List.of("scripts/test.sh", "scripts/gen-cert.sh", "scripts/cluster-test.sh",
                "sockudo-bench/scripts/fanout.sh", "scripts/docker-build.sh")) {
            assertThat(NodeScript.repoRoot().resolve(script)).as(script).isExecutable();
        }
    }

    @Test
    void genCertMakesASelfSignedCertificateForLocalhostWithItsKey() throws Exception {
        Path certs = dir.resolve("certs");
        ToolRun.Result result = make("gen-cert", "CERT_DIR=" + certs);
        assertThat(result.exitCode()).as(result.tail()).isZero();

        X509Certificate cert;
        try (InputStream in = Files.newInputStream(certs.resolve("cert.pem"))) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        cert.checkValidity();
        cert.verify(cert.getPublicKey());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
        List<String> names = cert.getSubjectAlternativeNames().stream().map(san -> String.valueOf(san.get(1))).toList();
        assertThat(names).containsExactlyInAnyOrder("localhost", "127.0.0.1");

        RSAPrivateCrtKey key = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(pem(certs.resolve("key.pem"), "PRIVATE KEY")));
        assertThat(key.getModulus()).isEqualTo(((RSAPublicKey) cert.getPublicKey()).getModulus());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certs.resolve("key.pem")))).isEqualTo("rw-------");
    }

    private static byte[] pem(Path file, String type) throws IOException {
        String text = Files.readString(file);
        int begin = text.indexOf("-----BEGIN " + type + "-----");
        int end = text.indexOf("-----END " + type + "-----");
        assertThat(begin).as("%s holds a %s", file, type).isNotNegative();
        return Base64.getMimeDecoder().decode(text.substring(begin + type.length() + 16, end));
    }

    private static String dryRun(String target) {
        ToolRun.Result result = make("-n", target);
        assertThat(result.exitCode()).as("make -n %s: %s", target, result.tail()).isZero();
        return result.out();
    }

    private static ToolRun.Result make(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("make", "--no-print-directory"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(NodeScript.repoRoot().toFile()).redirectErrorStream(true);
        return ToolRun.run(pb, Duration.ofSeconds(60));
    }
}
