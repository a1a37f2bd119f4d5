package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.app.App;
import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.ws.RawWebSocket;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Opening a connection: the handshake frame, and every reason a connection is refused (checklist A). */
class HandshakeTest {

    @Test
    void theFirstFrameIsConnectionEstablishedWithSocketIdAndActivityTimeout() {
        try (SockudoServer server = TestServer.start();
             WsClient c = WsClient.connect(server.port(), TestServer.KEY)) {
            assertThat(c.next()).matches(Expected.ESTABLISHED_PATTERN.formatted(120));
        }
    }

    @Test
    void everyConnectionGetsItsOwnSocketId() {
        try (SockudoServer server = TestServer.start()) {
            List<WsClient> clients = new ArrayList<>();
            Set<String> ids = new HashSet<>();
            try {
                for (int i = 0; i < 5; i++) {
                    WsClient c = WsClient.established(server.port(), TestServer.KEY);
                    clients.add(c);
                    assertThat(c.socketId()).matches("\\d+\\.\\d+");
                    ids.add(c.socketId());
                }
            } finally {
                clients.forEach(WsClient::close);
            }
            assertThat(ids).hasSize(5);
        }
    }

    @Test
    void anUnknownAppKeyGetsError4001AndIsClosedWith4001() {
        try (SockudoServer server = TestServer.start();
             WsClient c = WsClient.connect(server.port(), "no-such-key")) {
            Expected.error(c.next(), 4001);
            assertThat(c.closeCode(3000)).isEqualTo(4001);
        }
    }

    @Test
    void aDisabledAppGetsError4003AndIsClosedWith4003() {
        try (SockudoServer server = TestServer.startWith(TestServer.app().enabled(false).build());
             WsClient c = WsClient.connect(server.port(), TestServer.KEY)) {
            Expected.error(c.next(), 4003);
            assertThat(c.closeCode(3000)).isEqualTo(4003);
        }
    }

    @Test
    void aConnectionOverTheAppQuotaGetsError4004AndIsClosedWith4004() {
        try (SockudoServer server = TestServer.startWith(TestServer.app().maxConnections(2).build());
             WsClient first = WsClient.established(server.port(), TestServer.KEY);
             WsClient second = WsClient.established(server.port(), TestServer.KEY);
             WsClient third = WsClient.connect(server.port(), TestServer.KEY)) {
            assertThat(Expected.error(third.next(), 4004)).isEqualTo("Application is over connection quota");
            assertThat(third.closeCode(3000)).isEqualTo(4004);
            Join.stillUp(first);
            Join.stillUp(second);
        }
    }

    @Test
    void aSlotFreedByADisconnectIsAvailableAtOnce() {
        try (SockudoServer server = TestServer.startWith(TestServer.app().maxConnections(1).build())) {
            WsClient first = WsClient.established(server.port(), TestServer.KEY);
            first.close();
            try (WsClient next = WsClient.connect(server.port(), TestServer.KEY)) {
                assertThat(next.next()).matches(Expected.ESTABLISHED_PATTERN.formatted(120));
            }
        }
    }

    @Test
    void protocolVersion8IsRefusedWith4007AndClosed() {
        try (SockudoServer server = TestServer.start();
             WsClient c = WsClient.connect(URI.create("ws://127.0.0.1:" + server.port() + "/app/" + TestServer.KEY
                     + "?protocol=8&client=js&version=9.0"))) {
            Expected.error(c.next(), 4007);
            assertThat(c.closeCode(3000)).isEqualTo(4007);
        }
    }

    @Test
    void aDisallowedOriginGetsError4009AndIsClosedWhileAnAllowedOneConnects() {
        App app = TestServer.app().allowedOrigins(List.of("https://allowed.example")).build();
        try (SockudoServer server = TestServer.startWith(app);
             WsClient evil = WsClient.connect(server.port(), TestServer.KEY, "https://evil.example");
             WsClient good = WsClient.connect(server.port(), TestServer.KEY, "https://allowed.example")) {
            assertThat(Expected.error(evil.next(), 4009)).isEqualTo("Origin not allowed");
            assertThat(evil.closeCode(3000)).isEqualTo(4009);
            assertThat(good.next()).matches(Expected.ESTABLISHED_PATTERN.formatted(120));
        }
    }

    @Test
    void aPathOtherThanAppKeyIsNotUpgraded() {
        try (SockudoServer server = TestServer.start();
             RawWebSocket ws = RawWebSocket.open(server.port(), "/apps/" + TestServer.KEY + "?protocol=7")) {
            assertThat(ws.status()).as(ws.responseHead()).isEqualTo(404);
        }
    }

    @Test
    void severalAppsShareTheServerAndNeverSeeEachOthersEvents() {
        App other = App.builder("other-id", "other-key", "other-secret").build();
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().build()).app(other));
             WsClient mine = WsClient.established(server.port(), TestServer.KEY);
             WsClient theirs = WsClient.established(server.port(), "other-key")) {
            Join.publicChannel(mine, "news");
            Join.publicChannel(theirs, "news");
            new HttpApiClient(server.port(), "other-id", "other-key", "other-secret").publishOk("news", "only-other", "{}");
            HttpApiClient.of(server).publishOk("news", "only-mine", "{}");
            assertThat(theirs.next()).isEqualTo(Expected.event("only-other", "news", "{}"));
            assertThat(mine.next()).isEqualTo(Expected.event("only-mine", "news", "{}"));
            new HttpApiClient(server.port(), "other-id", "other-key", "other-secret").publishSentinel("news");
            HttpApiClient.of(server).publishSentinel("news");
            assertThat(mine.framesBeforeSentinel()).isEmpty();
            assertThat(theirs.framesBeforeSentinel()).isEmpty();
        }
    }

    @Test
    void aGracefulShutdownTellsEveryClientToReconnectWith4200() {
        SockudoServer server = TestServer.start();
        try (WsClient a = WsClient.established(server.port(), TestServer.KEY);
             WsClient b = WsClient.established(server.port(), TestServer.KEY)) {
            server.close();
            Expected.error(a.next(), 4200);
            Expected.error(b.next(), 4200);
            assertThat(a.closeCode(3000)).isEqualTo(4200);
            assertThat(b.closeCode(3000)).isEqualTo(4200);
        } finally {
            server.close();
        }
    }
}
