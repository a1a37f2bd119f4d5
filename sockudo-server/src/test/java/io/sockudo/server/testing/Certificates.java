package io.sockudo.server.testing;

import io.sockudo.testkit.ToolRun;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Self-signed certificates for 127.0.0.1 and localhost made with openssl, in the key formats
 * operators bring: PKCS#8, PKCS#1 (RSA), SEC1 (EC) and encrypted PKCS#8. Missing openssl fails
 * the test.
 */
public final class Certificates {

    public static final String PASSPHRASE = "correct horse battery staple";

    /** A certificate file and the key files that go with it. */
    public record Pair(Path cert, Path pkcs8, Path traditional, Path encrypted) {
    }

    private Certificates() {
    }

    /** An RSA 2048 pair; {@code traditional} is PKCS#1 ({@code RSA PRIVATE KEY}). */
    public static Pair rsa(Path dir, String name) {
        return make(dir, name, List.of("-newkey", "rsa:2048"), "rsa");
    }

    /** A P-256 pair; {@code traditional} is SEC1 ({@code EC PRIVATE KEY}). */
    public static Pair ec(Path dir, String name) {
        return make(dir, name, List.of("-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"), "ec");
    }

    private static Pair make(Path dir, String name, List<String> keyArgs, String tool) {
        Path cert = dir.resolve(name + "-cert.pem");
        Path key = dir.resolve(name + "-key.pem");
        Path traditional = dir.resolve(name + "-key-traditional.pem");
        Path encrypted = dir.resolve(name + "-key-encrypted.pem");
        List<String> req = new ArrayList<>(List.of("openssl", "req", "-x509"));
        req.addAll(keyArgs);
        req.addAll(List.of("-nodes", "-keyout", key.toString(), "-out", cert.toString(), "-days", "2",
                "-subj", "/CN=" + name, "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"));
        openssl(req);
        // OpenSSL 3 writes PKCS#8; -traditional asks for the older per-algorithm format
        List<String> convert = new ArrayList<>(List.of("openssl", tool, "-in", key.toString(), "-outform", "PEM",
                "-out", traditional.toString()));
        if (tool.equals("rsa")) {
            convert.add("-traditional");
        }
        openssl(convert);
        openssl(List.of("openssl", "pkcs8", "-topk8", "-in", key.toString(), "-out", encrypted.toString(),
                "-passout", "pass:" + PASSPHRASE));
        return new Pair(cert, key, traditional, encrypted);
    }

    private static void openssl(List<String> command) {
        ToolRun.Result r = ToolRun.run(new ProcessBuilder(command).redirectErrorStream(true), Duration.ofSeconds(30));
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (exit " + r.exitCode() + "): " + r.tail());
        }
    }

    /** A key store (PKCS#12, no password) that trusts exactly this certificate. */
    public static KeyStore trustStore(Path cert) {
        try (InputStream in = Files.newInputStream(cert)) {
            Certificate c = CertificateFactory.getInstance("X.509").generateCertificate(in);
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setCertificateEntry("test-ca", c);
            return ks;
        } catch (IOException | GeneralSecurityException e) {
            throw new AssertionError("cannot read " + cert, e);
        }
    }

    /** A client context that trusts exactly this certificate. */
    public static SSLContext trusting(Path cert) {
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trustStore(cert));
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(null, tmf.getTrustManagers(), null);
            return ctx;
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }
}
