package io.sockudo.store.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClientAddressTest {

    private static final String PEER = "10.0.0.9";

    @Test
    void withoutTrustedProxiesThePeerIsTheClientWhateverTheHeadersClaim() {
        assertThat(ClientAddress.of("1.1.1.1, 2.2.2.2", "3.3.3.3", PEER, 0)).isEqualTo(PEER);
        assertThat(ClientAddress.of(null, null, PEER, 0)).isEqualTo(PEER);
    }

    @Test
    void behindOneProxyTheClientIsTheLastForwardedEntry() {
        assertThat(ClientAddress.of("6.6.6.6, 203.0.113.7", null, PEER, 1)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of("203.0.113.7", null, PEER, 1)).isEqualTo("203.0.113.7");
    }

    @Test
    void behindTwoProxiesTheClientIsTheSecondEntryFromTheEnd() {
        assertThat(ClientAddress.of("6.6.6.6,203.0.113.7 ,198.51.100.1", null, PEER, 2)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of("203.0.113.7, 198.51.100.1", null, PEER, 2)).isEqualTo("203.0.113.7");
    }

    @Test
    void aForwardedForShorterThanTheTrustedHopsFallsBackToXRealIpThenThePeer() {
        assertThat(ClientAddress.of("198.51.100.1", "203.0.113.7", PEER, 2)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of("198.51.100.1", null, PEER, 2)).isEqualTo(PEER);
    }

    @Test
    void withoutForwardedForATrustedProxysXRealIpIsTheClient() {
        assertThat(ClientAddress.of(null, " 203.0.113.7 ", PEER, 1)).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of("", "203.0.113.7", PEER, 1)).isEqualTo("203.0.113.7");
    }

    @Test
    void blankEntriesAreNotAddresses() {
        assertThat(ClientAddress.of("203.0.113.7, ", null, PEER, 1)).isEqualTo(PEER);
        assertThat(ClientAddress.of(" ", "  ", PEER, 1)).isEqualTo(PEER);
    }

    @Test
    void ipv6EntriesAreTakenWhole() {
        assertThat(ClientAddress.of("2001:db8::1", null, PEER, 1)).isEqualTo("2001:db8::1");
    }

    @Test
    void theSettingsComposeAddressAndKey() {
        RateLimitSettings behindProxy = new RateLimitSettings(100, java.time.Duration.ofSeconds(60), "api", 1);
        String client = behindProxy.clientAddress("6.6.6.6, 203.0.113.7", null, PEER);
        assertThat(behindProxy.keyFor(client)).isEqualTo("api:203.0.113.7");
        assertThat(RateLimitSettings.websocketDefaults().keyFor(PEER)).isEqualTo("websocket_connect:" + PEER);
    }
}
