package io.sockudo.server.testpage;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.protocol.ChannelAuth;
import io.sockudo.server.SockudoServer;
import io.sockudo.server.config.TestPageConfig;
import io.sockudo.server.testing.TestServer;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The page's files and its two signing endpoints, over HTTP; the page itself is tested in a browser. */
class TestPageEndpointsTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SOCKET = "123.456";

    private static SockudoServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(b -> b.app(TestServer.app().build()).testPage(new TestPageConfig(true, "/try")));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void withoutTheSwitchThereIsNoPageAndNoSigning() throws Exception {
        try (SockudoServer plain = TestServer.start()) {
            for (String path : new String[] {"/test-page/", "/try/"}) {
                assertThat(get(plain.port(), path).statusCode()).isEqualTo(404);
            }
            assertThat(post(plain.port(), "/test-page/auth", form("app_key", TestServer.KEY, "socket_id", SOCKET,
                    "channel_name", "private-x")).statusCode()).isEqualTo(404);
        }
    }

    @Test
    void thePageAndItsScriptsAreServedBelowItsPath() throws Exception {
        HttpResponse<String> redirect = get(server.port(), "/try");
        assertThat(redirect.statusCode()).isEqualTo(302);
        assertThat(redirect.headers().firstValue("Location")).hasValue("/try/");
        HttpResponse<String> index = get(server.port(), "/try/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(index.headers().firstValue("Content-Security-Policy")).isPresent();
        assertThat(index.body()).contains("vendor/pusher-with-encryption.min.js")
                .contains("<meta name=\"sockudo-test-page-path\" content=\"/try\">");
        for (String file : new String[] {"page.js", "delta.js", "page.css", "vendor/pusher-with-encryption.min.js",
                "vendor/nacl-fast.min.js", "vendor/fossil-delta.js"}) {
            assertThat(get(server.port(), "/try/" + file).statusCode()).as(file).isEqualTo(200);
        }
        assertThat(get(server.port(), "/try/vendor/pusher-with-encryption.min.js.LICENSE.txt").body())
                .contains("Pusher JavaScript Library v8.6.0", "MIT");
        for (String other : new String[] {"/try/TestPage.class", "/try/vendor/x.js", "/try/vendor/..%2Findex.html"}) {
            assertThat(get(server.port(), other).statusCode()).as(other).isEqualTo(404);
        }
    }

    @Test
    void privateAndPresenceChannelsAreSignedWithTheAppsSecret() throws Exception {
        HttpResponse<String> priv = post(server.port(), "/try/auth",
                form("app_key", TestServer.KEY, "socket_id", SOCKET, "channel_name", "private-room"));
        assertThat(priv.statusCode()).isEqualTo(200);
        assertThat(field(priv.body(), "auth"))
                .isEqualTo(ChannelAuth.signChannel(TestServer.KEY, TestServer.SECRET, SOCKET, "private-room", null));

        HttpResponse<String> presence = post(server.port(), "/try/auth", form("app_key", TestServer.KEY,
                "socket_id", SOCKET, "channel_name", "presence-room", "user_id", "u1", "user_name", "Ann \"A\""));
        assertThat(presence.statusCode()).isEqualTo(200);
        String channelData = "{\"user_id\":\"u1\",\"user_info\":{\"name\":\"Ann \\\"A\\\"\"}}";
        assertThat(presence.body()).contains("\"channel_data\":" + io.sockudo.protocol.Json.quote(channelData));
        assertThat(field(presence.body(), "auth"))
                .isEqualTo(ChannelAuth.signChannel(TestServer.KEY, TestServer.SECRET, SOCKET, "presence-room", channelData));
    }

    @Test
    void anEncryptedChannelGetsAKeyOfItsOwn() throws Exception {
        String a = field(post(server.port(), "/try/auth", form("app_key", TestServer.KEY, "socket_id", SOCKET,
                "channel_name", "private-encrypted-a")).body(), "shared_secret");
        String b = field(post(server.port(), "/try/auth", form("app_key", TestServer.KEY, "socket_id", SOCKET,
                "channel_name", "private-encrypted-b")).body(), "shared_secret");
        assertThat(java.util.Base64.getDecoder().decode(a)).hasSize(32);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void whatCannotBeSignedIsRefused() throws Exception {
        assertThat(post(server.port(), "/try/auth", form("app_key", "nope", "socket_id", SOCKET,
                "channel_name", "private-x")).statusCode()).isEqualTo(404);
        assertThat(post(server.port(), "/try/auth", form("app_key", TestServer.KEY, "socket_id", "bad",
                "channel_name", "private-x")).statusCode()).isEqualTo(400);
        assertThat(post(server.port(), "/try/auth", form("app_key", TestServer.KEY, "socket_id", SOCKET,
                "channel_name", "public-x")).statusCode()).isEqualTo(400);
        assertThat(post(server.port(), "/try/auth", form("app_key", TestServer.KEY, "socket_id", SOCKET,
                "channel_name", "presence-x")).statusCode()).as("presence without user").isEqualTo(400);
        String big = "a".repeat(PageSigning.MAX_FORM_BYTES);
        assertThat(post(server.port(), "/try/sign-event", form("app_key", TestServer.KEY, "body", big)).statusCode())
                .isEqualTo(413);
    }

    @Test
    void aSignedEventIsAcceptedByTheHttpApi() throws Exception {
        String body = "{\"name\":\"e\",\"channel\":\"c\",\"data\":\"{}\"}";
        HttpResponse<String> signed = post(server.port(), "/try/sign-event", form("app_key", TestServer.KEY, "body", body));
        assertThat(signed.statusCode()).isEqualTo(200);
        assertThat(signed.headers().firstValue("Cache-Control")).hasValue("no-store");
        String path = field(signed.body(), "path");
        assertThat(path).isEqualTo("/apps/" + TestServer.APP_ID + "/events");
        HttpResponse<String> published = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + server.port() + path + "?" + field(signed.body(), "query")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
        assertThat(m.find()).as("%s in %s", name, json).isTrue();
        return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
    }

    private static Map<String, String> form(String... pairs) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put(pairs[i], pairs[i + 1]);
        }
        return out;
    }

    private static HttpResponse<String> get(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int port, String path, Map<String, String> form)
            throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
