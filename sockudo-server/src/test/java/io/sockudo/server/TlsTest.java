package io.sockudo.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.pusher.client.PusherOptions;
import com.pusher.client.channel.PusherEvent;
import com.pusher.rest.data.Result;
import io.sockudo.server.config.TlsConfig;
import io.sockudo.server.testing.Certificates;
import io.sockudo.server.testing.JavaClients;
import io.sockudo.server.testing.NodeScript;
import io.sockudo.server.testing.TestServer;
import io.sockudo.testkit.Poll;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ssl.*}: {@code wss://} and {@code https://} on one port with certificates made by
 * openssl in every key format, stock clients over TLS, the redirect from plain HTTP, and a
 * certificate replaced while clients stay connected.
 */
class TlsTest {

    @TempDir
    Path dir;

    private static SockudoServer start(Path cert, Path key, String passphrase, boolean redirect) {
        return TestServer.start(b -> b.app(TestServer.app().build())
                .tls(new TlsConfig(true, cert, key, passphrase, redirect, 0))
                .tlsCheckInterval(Duration.ofMillis(100)));
    }

    private static HttpResponse<String> get(SSLContext trust, String url) throws Exception {
        HttpClient http = HttpClient.newBuilder().sslContext(trust).followRedirects(HttpClient.Redirect.NEVER).build();
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String subjectOf(HttpResponse<?> r) throws Exception {
        return ((X509Certificate) r.sslSession().orElseThrow().getPeerCertificates()[0]).getSubjectX500Principal().getName();
    }

    @Test
    void servesHttpsWithEveryKeyFormatSockudoTakes() throws Exception {
        Certificates.Pair rsa = Certificates.rsa(dir, "rsa");
        Certificates.Pair ec = Certificates.ec(dir, "ec");
        record Case(String what, Certificates.Pair pair, Path key, String passphrase) {
        }
        List<Case> cases = List.of(
                new Case("RSA, PKCS#8", rsa, rsa.pkcs8(), null),
                new Case("RSA, PKCS#1", rsa, rsa.traditional(), null),
                new Case("RSA, encrypted PKCS#8", rsa, rsa.encrypted(), Certificates.PASSPHRASE),
                new Case("EC, PKCS#8", ec, ec.pkcs8(), null),
                new Case("EC, SEC1", ec, ec.traditional(), null),
                new Case("EC, encrypted PKCS#8", ec, ec.encrypted(), Certificates.PASSPHRASE));
        for (Case c : cases) {
            try (SockudoServer server = start(c.pair().cert(), c.key(), c.passphrase(), false)) {
                HttpResponse<String> up = get(Certificates.trusting(c.pair().cert()), "https://127.0.0.1:" + server.port() + "/up");
                assertThat(up.statusCode()).as(c.what()).isEqualTo(200);
                assertThat(subjectOf(up)).as(c.what()).isEqualTo("CN=" + c.pair().cert().getFileName().toString().split("-")[0]);
            }
        }
    }

    @Test
    void stockJavaClientsTalkOverTls() throws Exception {
        Certificates.Pair rsa = Certificates.rsa(dir, "stock");
        Path trustStore = dir.resolve("trust.p12");
        try (OutputStream out = Files.newOutputStream(trustStore)) {
            Certificates.trustStore(rsa.cert()).store(out, "changeit".toCharArray());
        }
        // pusher-java-client and pusher-http-java take the JVM's default trust, with no way to
        // give them a context: the test CA is made the default for this test only
        String[] keys = {"javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword", "javax.net.ssl.trustStoreType"};
        String[] saved = new String[keys.length];
        for (int i = 0; i < keys.length; i++) {
            saved[i] = System.getProperty(keys[i]);
        }
        System.setProperty(keys[0], trustStore.toString());
        System.setProperty(keys[1], "changeit");
        System.setProperty(keys[2], "PKCS12");
        com.pusher.client.Pusher client = null;
        com.pusher.rest.Pusher rest = new com.pusher.rest.Pusher(TestServer.APP_ID, TestServer.KEY, TestServer.SECRET);
        try (SockudoServer server = start(rsa.cert(), rsa.pkcs8(), null, false)) {
            client = new com.pusher.client.Pusher(TestServer.KEY,
                    new PusherOptions().setHost("127.0.0.1").setWssPort(server.port()).setUseTLS(true));
            JavaClients.connect(client, new LinkedBlockingQueue<>(), Duration.ofSeconds(10));
            BlockingQueue<PusherEvent> events = new LinkedBlockingQueue<>();
            CountDownLatch subscribed = new CountDownLatch(1);
            client.subscribe("tls-news", new com.pusher.client.channel.ChannelEventListener() {
                @Override
                public void onSubscriptionSucceeded(String channelName) {
                    subscribed.countDown();
                }

                @Override
                public void onEvent(PusherEvent event) {
                    events.add(event);
                }
            }, "headline");
            assertThat(subscribed.await(5, TimeUnit.SECONDS)).isTrue();

            rest.setHost("127.0.0.1:" + server.port());
            rest.setEncrypted(true);
            Result r = rest.trigger("tls-news", "headline", Map.of("text", "over https"));
            assertThat(r.getStatus()).as("%s %s", r.getHttpStatus(), r.getMessage()).isEqualTo(Result.Status.SUCCESS);

            PusherEvent e = events.poll(5, TimeUnit.SECONDS);
            assertThat(e).isNotNull();
            assertThat(e.getData()).isEqualTo("{\"text\":\"over https\"}");
        } finally {
            if (client != null) {
                client.disconnect();
            }
            rest.close();
            for (int i = 0; i < keys.length; i++) {
                if (saved[i] == null) {
                    System.clearProperty(keys[i]);
                } else {
                    System.setProperty(keys[i], saved[i]);
                }
            }
        }
    }

    @Test
    void pusherJsAndTheNodeSdkTalkOverTlsWithTheTestCa() {
        Certificates.Pair ec = Certificates.ec(dir, "node");
        try (SockudoServer server = start(ec.cert(), ec.traditional(), null, false)) {
            NodeScript.run("tests/node/tls/pusher-over-tls.mjs", server.port(),
                    Map.of("NODE_EXTRA_CA_CERTS", ec.cert().toString()));
        }
    }

    @Test
    void plainHttpIsRedirectedToHttpsOnTheTlsPort() throws Exception {
        Certificates.Pair rsa = Certificates.rsa(dir, "redirect");
        try (SockudoServer server = start(rsa.cert(), rsa.pkcs8(), null, true)) {
            assertThat(server.redirectPort()).isPositive().isNotEqualTo(server.port());
            HttpResponse<String> r = get(Certificates.trusting(rsa.cert()),
                    "http://127.0.0.1:" + server.redirectPort() + "/up/" + TestServer.APP_ID + "?probe=1&x=y");

            assertThat(r.statusCode()).isEqualTo(301);
            assertThat(r.headers().firstValue("Location")).contains(
                    "https://127.0.0.1:" + server.port() + "/up/" + TestServer.APP_ID + "?probe=1&x=y");
            HttpResponse<String> followed = get(Certificates.trusting(rsa.cert()), r.headers().firstValue("Location").orElseThrow());
            assertThat(followed.statusCode()).as("the same route answers, over TLS").isEqualTo(200);
        }
    }

    @Test
    void aReplacedCertificateServesNewHandshakesWhileEstablishedConnectionsStay() throws Exception {
        Certificates.Pair first = Certificates.rsa(dir, "first");
        Certificates.Pair second = Certificates.ec(dir, "second");
        Path cert = Files.copy(first.cert(), dir.resolve("live-cert.pem"));
        Path key = Files.copy(first.pkcs8(), dir.resolve("live-key.pem"));
        try (SockudoServer server = start(cert, key, null, false)) {
            SSLContext trustsBoth = trustingBoth(first.cert(), second.cert());
            String up = "https://127.0.0.1:" + server.port() + "/up";
            assertThat(subjectOf(get(trustsBoth, up))).isEqualTo("CN=first");

            BlockingQueue<String> frames = new LinkedBlockingQueue<>();
            WebSocket ws = HttpClient.newBuilder().sslContext(trustsBoth).build().newWebSocketBuilder()
                    .buildAsync(URI.create("wss://127.0.0.1:" + server.port() + "/app/" + TestServer.KEY + "?protocol=7"),
                            collector(frames))
                    .get(5, TimeUnit.SECONDS);
            assertThat(frames.poll(5, TimeUnit.SECONDS)).contains("pusher:connection_established");

            // as a renewal does: the key first, then the certificate, each replaced whole
            Files.copy(second.traditional(), key, StandardCopyOption.REPLACE_EXISTING);
            Files.copy(second.cert(), cert, StandardCopyOption.REPLACE_EXISTING);
            // a client context of its own per attempt: a resumed session would skip the certificate
            Poll.until("the new certificate is served to a new handshake", Duration.ofSeconds(10),
                    () -> subjectQuietly(trustingBoth(first.cert(), second.cert()), up), "CN=second"::equals);

            ws.sendText("{\"event\":\"pusher:ping\",\"data\":{}}", true).get(5, TimeUnit.SECONDS);
            assertThat(frames.poll(5, TimeUnit.SECONDS)).as("the connection made before the reload still works")
                    .contains("pusher:pong");
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "").get(5, TimeUnit.SECONDS);
        }
    }

    private static String subjectQuietly(SSLContext trust, String url) {
        try {
            return subjectOf(get(trust, url));
        } catch (Exception e) {
            return e.toString();
        }
    }

    private static SSLContext trustingBoth(Path a, Path b) {
        try {
            return trusting(a, b);
        } catch (java.security.GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static SSLContext trusting(Path a, Path b) throws java.security.GeneralSecurityException {
        java.security.KeyStore ks = Certificates.trustStore(a);
        ks.setCertificateEntry("second", Certificates.trustStore(b).getCertificate("test-ca"));
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(
                javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static WebSocket.Listener collector(BlockingQueue<String> frames) {
        return new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    frames.add(partial.toString());
                    partial.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        };
    }
}
