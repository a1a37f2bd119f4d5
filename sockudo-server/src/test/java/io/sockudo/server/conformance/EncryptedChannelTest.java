package io.sockudo.server.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.server.SockudoServer;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import io.sockudo.testkit.AppSigner;
import io.sockudo.testkit.ClientFrames;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End-to-end encrypted channels: authorised like private channels, ciphertext passed through
 * untouched, no client events (checklist F). Decryption by a stock client is in
 * {@link PusherJavaClientTest}.
 */
class EncryptedChannelTest {

    private static final String CIPHERTEXT = "{\"nonce\":\"3q2+7w==\",\"ciphertext\":\"c2VjcmV0Lw==\"}";

    private static SockudoServer server;
    private static HttpApiClient api;

    @BeforeAll
    static void start() {
        server = TestServer.startWith(TestServer.app().enableClientMessages(true).build());
        api = HttpApiClient.of(server);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void aPrivateSignatureAuthorisesAndTheCiphertextIsForwardedVerbatim() {
        try (WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            Join.privateChannel(c, "private-encrypted-x");
            api.publishOk("private-encrypted-x", "sealed", CIPHERTEXT);
            assertThat(c.next()).isEqualTo(Expected.event("sealed", "private-encrypted-x", CIPHERTEXT));
        }
    }

    @Test
    void aBadSignatureIsRefusedAsAuthError() {
        try (WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            c.send(ClientFrames.subscribe("private-encrypted-bad", TestServer.KEY + ":" + "f".repeat(64)));
            assertThat(Join.refused(c, "private-encrypted-bad", "AuthError", 401, 4009))
                    .startsWith("Invalid signature: Expected HMAC SHA256 hex digest of ");
        }
    }

    @Test
    void clientEventsAreRefusedWith4301AndNotRelayed() {
        try (WsClient sender = WsClient.established(server.port(), TestServer.KEY);
             WsClient other = WsClient.established(server.port(), TestServer.KEY)) {
            Join.privateChannel(sender, "private-encrypted-talk");
            Join.privateChannel(other, "private-encrypted-talk");
            Join.publicChannel(other, "encrypted-talk-sentinel");
            sender.send(ClientFrames.clientEvent("client-whisper", "private-encrypted-talk", "{\"a\":1}"));
            Expected.error(sender.next(), 4301);
            Join.stillUp(sender);
            api.publishSentinel("encrypted-talk-sentinel");
            assertThat(other.framesBeforeSentinel()).isEmpty();
        }
    }

    @Test
    void theEncryptedCacheChannelKeepsTheCiphertext() {
        try (WsClient first = WsClient.established(server.port(), TestServer.KEY)) {
            Join.privateChannel(first, "private-encrypted-cache-x");
            assertThat(first.next()).isEqualTo(Expected.cacheMiss("private-encrypted-cache-x"));
        }
        api.publishOk("private-encrypted-cache-x", "sealed", CIPHERTEXT);
        try (WsClient later = WsClient.established(server.port(), TestServer.KEY)) {
            Join.privateChannel(later, "private-encrypted-cache-x");
            assertThat(later.next()).isEqualTo(Expected.event("sealed", "private-encrypted-cache-x", CIPHERTEXT));
        }
    }

    @Test
    void signaturesForEncryptedChannelsComeFromTheSameFormulaAsPrivateOnes() {
        try (WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            String auth = AppSigner.testApp().channel(c.socketId(), "private-encrypted-formula");
            c.send(ClientFrames.subscribe("private-encrypted-formula", auth));
            assertThat(c.next()).isEqualTo(Expected.succeeded("private-encrypted-formula"));
        }
    }
}
