package io.sockudo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.EngineOptions;
import io.sockudo.adapter.app.ChannelDeltaSetting;
import io.sockudo.adapter.delta.DeltaSettings;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.DeltaDecodingClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class DeltaCompressionTest {

    private static final String[] SYMBOLS = {"BTC", "ETH", "SOL"};

    private static SockudoServer server(DeltaSettings delta, Map<String, ChannelDeltaSetting> channels) {
        return TestServer.start(b -> b.app(TestServer.app().channelDeltaCompression(channels).build())
                .engine(EngineOptions.builder().delta(delta).build()));
    }

    /** A ticker-like payload: mostly the same from one message to the next, a few changing numbers. */
    private static String tick(String sym, int i, Random r) {
        return "{\"sym\":\"" + sym + "\",\"name\":\"" + sym + " / US Dollar spot\",\"exchange\":\"example-exchange\","
                + "\"currency\":\"USD\",\"status\":\"open\",\"tick_size\":\"0.01\",\"lot_size\":\"0.0001\","
                + "\"session\":{\"open\":\"2026-11-28T00:00:00Z\",\"close\":\"2026-11-29T00:00:00Z\",\"timezone\":\"UTC\"},"
                + "\"price\":" + (1000 + r.nextInt(50)) + "." + r.nextInt(100) + ",\"bid\":1001.25,\"ask\":1001.75,"
                + "\"volume\":" + (i * 37 % 1000) + ",\"high\":1050.00,\"low\":990.10,\"sequence\":" + i + ","
                + "\"source\":\"consolidated feed\",\"flags\":[\"regular\",\"continuous\"]}";
    }

    private static List<String> received(WsClient c, int n, DeltaDecodingClient decoder) {
        List<String> out = new ArrayList<>();
        while (out.size() < n) {
            String f = c.next();
            String plain = decoder == null ? (f.startsWith("{\"event\":\"pusher") ? null : f) : decoder.accept(f);
            if (plain != null) {
                out.add(plain);
            }
        }
        return out;
    }

    @Test
    void conflatedTickerStreamReconstructsExactlyWhatAPlainSubscriberGets() {
        for (String algorithm : new String[] {"fossil", "xdelta3"}) {
            try (SockudoServer server = server(DeltaSettings.defaults().withConflationKeyPath("sym"), Map.of());
                 WsClient plain = WsClient.established(server.port(), TestServer.KEY);
                 WsClient delta = WsClient.established(server.port(), TestServer.KEY)) {
                plain.subscribe("ticker").next();
                delta.subscribe("ticker").next();
                delta.send("{\"event\":\"pusher:enable_delta_compression\",\"data\":{\"algorithms\":[\"" + algorithm + "\"]}}");
                assertThat(delta.next()).isEqualTo("{\"event\":\"pusher:delta_compression_enabled\",\"data\":{\"enabled\":true,\"algorithm\":\"" + algorithm + "\"}}");
                HttpApiClient api = HttpApiClient.of(server);
                Random r = new Random(7);
                int n = 60;
                for (int i = 0; i < n; i++) {
                    String sym = SYMBOLS[i % 3];
                    api.publishOk("ticker", i % 2 == 0 ? "price" : "trade", tick(sym, i, r));
                }
                DeltaDecodingClient decoder = new DeltaDecodingClient(algorithm);
                List<String> expected = received(plain, n, null);
                assertThat(received(delta, n, decoder)).containsExactlyElementsOf(expected);
                assertThat(decoder.deltaFrames).as(algorithm + ": most frames are deltas, full " + decoder.fullFrames).isGreaterThan(n / 2);
                assertThat(decoder.wireBytes).isLessThan(expected.stream().mapToLong(String::length).sum());
            }
        }
    }

    @Test
    void interleavedEventNamesWithoutConflationShareOneChain() {
        try (SockudoServer server = server(DeltaSettings.defaults(), Map.of());
             WsClient plain = WsClient.established(server.port(), TestServer.KEY);
             WsClient delta = WsClient.established(server.port(), TestServer.KEY)) {
            plain.subscribe("mixed").next();
            delta.send("{\"event\":\"pusher:enable_delta_compression\",\"data\":{}}").next();
            delta.subscribe("mixed").next();
            HttpApiClient api = HttpApiClient.of(server);
            Random r = new Random(3);
            for (int i = 0; i < 30; i++) {
                api.publishOk("mixed", "event-" + (i % 3), tick("BTC", i, r));
            }
            DeltaDecodingClient decoder = new DeltaDecodingClient("fossil");
            assertThat(received(delta, 30, decoder)).containsExactlyElementsOf(received(plain, 30, null));
            assertThat(decoder.deltaFrames).isGreaterThan(10);
        }
    }

    @Test
    void subscriptionDeltaFalseDisablesThatChannelOnly() {
        try (SockudoServer server = server(DeltaSettings.defaults(), Map.of());
             WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            c.send("{\"event\":\"pusher:enable_delta_compression\",\"data\":{\"algorithms\":[\"fossil\"]}}").next();
            c.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"off\",\"delta\":false}}");
            assertThat(c.next()).startsWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
            assertThat(c.next()).isEqualTo("{\"event\":\"pusher:delta_compression_enabled\",\"channel\":\"off\",\"data\":{\"enabled\":false,\"channel\":\"off\"}}");
            HttpApiClient api = HttpApiClient.of(server);
            Random r = new Random(1);
            for (int i = 0; i < 5; i++) {
                String data = tick("BTC", i, r);
                api.publishOk("off", "price", data);
                assertThat(c.next()).isEqualTo("{\"event\":\"price\",\"channel\":\"off\",\"data\":" + io.sockudo.protocol.Json.quote(data) + "}");
            }
        }
    }

    @Test
    void perSubscriptionAlgorithmWorksWithoutSocketOptIn() {
        try (SockudoServer server = server(DeltaSettings.defaults(), Map.of());
             WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            c.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"v\",\"delta\":\"xdelta3\"}}");
            c.next();
            assertThat(c.next()).isEqualTo("{\"event\":\"pusher:delta_compression_enabled\",\"channel\":\"v\",\"data\":{\"enabled\":true,\"algorithm\":\"xdelta3\",\"channel\":\"v\"}}");
            HttpApiClient api = HttpApiClient.of(server);
            Random r = new Random(2);
            List<String> sent = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String data = tick("ETH", i, r);
                sent.add(data);
                api.publishOk("v", "price", data);
            }
            DeltaDecodingClient decoder = new DeltaDecodingClient("xdelta3");
            List<String> got = received(c, 10, decoder);
            for (int i = 0; i < 10; i++) {
                assertThat(got.get(i)).isEqualTo("{\"event\":\"price\",\"channel\":\"v\",\"data\":" + io.sockudo.protocol.Json.quote(sent.get(i)) + "}");
            }
            assertThat(decoder.deltaFrames).isGreaterThan(5);
        }
    }

    @Test
    void syncErrorResendsTheLastMessageOfEachChainInFull() {
        try (SockudoServer server = server(DeltaSettings.defaults().withConflationKeyPath("sym"), Map.of());
             WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            c.send("{\"event\":\"pusher:enable_delta_compression\",\"data\":{}}").next();
            c.subscribe("ticker").next();
            HttpApiClient api = HttpApiClient.of(server);
            Random r = new Random(5);
            for (int i = 0; i < 6; i++) {
                api.publishOk("ticker", "price", tick(SYMBOLS[i % 2], i, r));
            }
            DeltaDecodingClient decoder = new DeltaDecodingClient("fossil");
            received(c, 6, decoder);
            decoder.reset();
            c.send("{\"event\":\"pusher:delta_sync_error\",\"data\":{\"channel\":\"ticker\"}}");
            String a = c.next();
            String b = c.next();
            assertThat(List.of(a, b)).allMatch(f -> f.contains("\"__delta_seq\":"));
            decoder.accept(a);
            decoder.accept(b);
            for (int i = 6; i < 12; i++) {
                api.publishOk("ticker", "price", tick(SYMBOLS[i % 2], i, r));
            }
            assertThat(received(c, 6, decoder)).hasSize(6);
            assertThat(decoder.deltaFrames).isGreaterThan(0);
        }
    }

    @Test
    void appChannelSettingDisablesDeltaByPattern() {
        try (SockudoServer server = server(DeltaSettings.defaults(), Map.of("plain-*", ChannelDeltaSetting.DISABLED));
             WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            c.send("{\"event\":\"pusher:enable_delta_compression\",\"data\":{}}").next();
            c.subscribe("plain-prices").next();
            HttpApiClient api = HttpApiClient.of(server);
            Random r = new Random(9);
            for (int i = 0; i < 5; i++) {
                api.publishOk("plain-prices", "price", tick("BTC", i, r));
                assertThat(c.next()).doesNotContain("__delta_seq").doesNotStartWith("{\"event\":\"pusher:delta\"");
            }
        }
    }

    @Test
    void perPublishDeltaFalseSendsPlainAndKeepsTheChain() {
        try (SockudoServer server = server(DeltaSettings.defaults(), Map.of());
             WsClient c = WsClient.established(server.port(), TestServer.KEY)) {
            c.send("{\"event\":\"pusher:enable_delta_compression\",\"data\":{}}").next();
            c.subscribe("ch").next();
            HttpApiClient api = HttpApiClient.of(server);
            Random r = new Random(4);
            DeltaDecodingClient decoder = new DeltaDecodingClient("fossil");
            api.publishOk("ch", "price", tick("BTC", 0, r));
            api.publishOk("ch", "price", tick("BTC", 1, r));
            received(c, 2, decoder);
            String data = tick("BTC", 2, r);
            api.postEventOk("{\"name\":\"price\",\"channel\":\"ch\",\"data\":" + io.sockudo.protocol.Json.quote(data) + ",\"delta\":false}");
            assertThat(c.next()).isEqualTo("{\"event\":\"price\",\"channel\":\"ch\",\"data\":" + io.sockudo.protocol.Json.quote(data) + "}");
            api.publishOk("ch", "price", tick("BTC", 3, r));
            String next = c.next();
            assertThat(next).startsWith("{\"event\":\"pusher:delta\"");
            assertThat(decoder.accept(next)).contains("\\\"sequence\\\":3");
        }
    }

    /** A chat line: words drawn at random, so consecutive messages share little. */
    private static String chat(int i, Random r) {
        String[] words = {"hello", "world", "sure", "lunch", "today", "meeting", "moved", "call", "me", "later", "ok", "thanks"};
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < 3 + r.nextInt(25); w++) {
            text.append(words[r.nextInt(words.length)]).append(r.nextInt(1000)).append(' ');
        }
        return "{\"user\":\"u" + r.nextInt(50) + "\",\"id\":" + i + ",\"text\":\"" + text + "\"}";
    }

    /**
     * Where deltas do not pay, the delta socket gets the plain frames and so receives no more
     * than a plain socket, not even an opening full frame's sequence; where they start to pay,
     * it goes back to deltas; every message is reconstructed, and a sync error still recovers.
     */
    @Test
    void aDeltaSocketNeverReceivesMoreThanAPlainOneAndDecodesEverything() {
        try (SockudoServer server = server(DeltaSettings.defaults(), Map.of());
             WsClient plain = WsClient.established(server.port(), TestServer.KEY);
             WsClient delta = WsClient.established(server.port(), TestServer.KEY)) {
            plain.subscribe("chat").next();
            delta.send("{\"event\":\"pusher:enable_delta_compression\",\"data\":{}}").next();
            delta.subscribe("chat").next();
            HttpApiClient api = HttpApiClient.of(server);
            Random r = new Random(9);
            int n = 120;
            for (int i = 0; i < n; i++) {
                api.publishOk("chat", "message", chat(i, r));
            }
            DeltaDecodingClient decoder = new DeltaDecodingClient("fossil");
            List<String> expected = received(plain, n, null);
            assertThat(received(delta, n, decoder)).containsExactlyElementsOf(expected);
            long plainBytes = expected.stream().mapToLong(f -> f.getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
            assertThat(decoder.wireBytes).as("chat: delta socket vs plain socket bytes").isLessThanOrEqualTo(plainBytes);
            assertThat(decoder.fullFrames).as("no delta chain was worth starting").isZero();

            // the stream turns repetitive: the chain probes, resumes deltas and pays again
            long before = decoder.wireBytes;
            int m = 60;
            for (int i = 0; i < m; i++) {
                api.publishOk("chat", "message", tick("BTC", i, r));
            }
            List<String> ticks = received(plain, m, null);
            int deltasBefore = decoder.deltaFrames;
            assertThat(received(delta, m, decoder)).containsExactlyElementsOf(ticks);
            assertThat(decoder.deltaFrames - deltasBefore).isGreaterThan(m / 2);
            assertThat(decoder.wireBytes - before).isLessThan(ticks.stream().mapToLong(String::length).sum());

            // a client that lost its bases still recovers
            decoder.reset();
            delta.send("{\"event\":\"pusher:delta_sync_error\",\"data\":{\"channel\":\"chat\"}}");
            String resent = delta.next();
            assertThat(resent).contains("\"__delta_seq\":");
            decoder.accept(resent);
            for (int i = 0; i < 10; i++) {
                api.publishOk("chat", "message", tick("ETH", i, r));
            }
            assertThat(received(delta, 10, decoder)).containsExactlyElementsOf(received(plain, 10, null));
        }
    }
}
