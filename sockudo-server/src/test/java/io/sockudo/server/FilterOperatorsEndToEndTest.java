package io.sockudo.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.sockudo.adapter.EngineOptions;
import io.sockudo.adapter.delta.DeltaSettings;
import io.sockudo.protocol.Json;
import io.sockudo.server.testing.DeltaDecodingClient;
import io.sockudo.server.testing.HttpApiClient;
import io.sockudo.server.testing.TestServer;
import io.sockudo.server.testing.WsClient;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every filter operator over real sockets: one subscriber per filter, one stream of tagged and
 * untagged events, and each subscriber must receive exactly the events its filter selects.
 */
class FilterOperatorsEndToEndTest {

    /** The events: data names the event, tags as published (null: no tags at all). */
    private static final Map<String, String> EVENTS = new LinkedHashMap<>();

    static {
        EVENTS.put("btc", "{\"sym\":\"BTC\",\"px\":\"100.5\",\"venue\":\"alpha-1\"}");
        EVENTS.put("eth", "{\"sym\":\"ETH\",\"px\":\"20\",\"venue\":\"beta-2\"}");
        EVENTS.put("sol", "{\"sym\":\"SOL\",\"px\":\"abc\"}");
        EVENTS.put("bare", null);
    }

    private static final Map<String, List<String>> EXPECTED = new LinkedHashMap<>();
    private static final Map<String, String> FILTERS = new LinkedHashMap<>();

    private static void expect(String filter, String... events) {
        String name = "f" + FILTERS.size();
        FILTERS.put(name, filter);
        EXPECTED.put(name, List.of(events));
    }

    static {
        expect("{\"key\":\"sym\",\"cmp\":\"eq\",\"val\":\"BTC\"}", "btc");
        expect("{\"key\":\"sym\",\"cmp\":\"neq\",\"val\":\"BTC\"}", "eth", "sol", "bare");
        expect("{\"key\":\"sym\",\"cmp\":\"in\",\"vals\":[\"ETH\",\"SOL\"]}", "eth", "sol");
        expect("{\"key\":\"sym\",\"cmp\":\"nin\",\"vals\":[\"ETH\",\"SOL\"]}", "btc", "bare");
        expect("{\"key\":\"venue\",\"cmp\":\"ex\"}", "btc", "eth");
        expect("{\"key\":\"venue\",\"cmp\":\"nex\"}", "sol", "bare");
        expect("{\"key\":\"venue\",\"cmp\":\"sw\",\"val\":\"alp\"}", "btc");
        expect("{\"key\":\"venue\",\"cmp\":\"ew\",\"val\":\"-2\"}", "eth");
        expect("{\"key\":\"venue\",\"cmp\":\"ct\",\"val\":\"ta\"}", "eth");
        expect("{\"key\":\"px\",\"cmp\":\"gt\",\"val\":20}", "btc");
        expect("{\"key\":\"px\",\"cmp\":\"gte\",\"val\":20}", "btc", "eth");
        expect("{\"key\":\"px\",\"cmp\":\"lt\",\"val\":100.5}", "eth");
        expect("{\"key\":\"px\",\"cmp\":\"lte\",\"val\":\"100.5\"}", "btc", "eth");
        expect("{\"op\":\"and\",\"nodes\":[{\"key\":\"sym\",\"cmp\":\"ex\"},{\"key\":\"px\",\"cmp\":\"lt\",\"val\":50}]}", "eth");
        expect("{\"op\":\"or\",\"nodes\":[{\"key\":\"sym\",\"cmp\":\"eq\",\"val\":\"SOL\"},{\"key\":\"px\",\"cmp\":\"gt\",\"val\":50}]}", "btc", "sol");
        expect("{\"op\":\"not\",\"nodes\":[{\"key\":\"sym\",\"cmp\":\"in\",\"vals\":[\"BTC\",\"ETH\"]}]}", "sol", "bare");
        expect("{\"events\":[\"other\"]}");
    }

    @Test
    void eachSubscriberGetsExactlyWhatItsFilterSelects() {
        try (SockudoServer server = TestServer.start()) {
            Map<String, WsClient> clients = new LinkedHashMap<>();
            try {
                for (Map.Entry<String, String> f : FILTERS.entrySet()) {
                    WsClient c = WsClient.established(server.port(), TestServer.KEY);
                    c.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"quotes\",\"filter\":" + f.getValue() + "}}");
                    assertThat(c.next()).as(f.getValue()).startsWith("{\"event\":\"pusher_internal:subscription_succeeded\"");
                    clients.put(f.getKey(), c);
                }
                WsClient marker = WsClient.established(server.port(), TestServer.KEY);
                clients.put("marker", marker);
                marker.subscribe("quotes").next();
                HttpApiClient api = HttpApiClient.of(server);
                for (Map.Entry<String, String> e : EVENTS.entrySet()) {
                    api.postEventOk("{\"name\":\"q\",\"channel\":\"quotes\",\"data\":" + Json.quote(e.getKey())
                            + (e.getValue() == null ? "" : ",\"tags\":" + e.getValue()) + "}");
                }
                // an unfiltered "end" event: everything before it has been delivered when it arrives
                api.postEventOk("{\"name\":\"end\",\"channel\":\"quotes\",\"data\":\"end\",\"tags\":{\"end\":\"1\"}}");
                for (int i = 0; i < EVENTS.size() + 1; i++) {
                    marker.next();
                }
                for (Map.Entry<String, List<String>> exp : EXPECTED.entrySet()) {
                    WsClient c = clients.get(exp.getKey());
                    List<String> got = new ArrayList<>();
                    String f;
                    while ((f = c.poll(got.size() < exp.getValue().size() ? 2000 : 100)) != null) {
                        String name = f.replaceAll(".*\"data\":\"([a-z]+)\".*", "$1");
                        if (!name.equals("end")) { // the end marker itself matches the negative filters
                            got.add(name);
                        }
                    }
                    assertThat(got).as(FILTERS.get(exp.getKey())).containsExactlyElementsOf(exp.getValue());
                }
            } finally {
                clients.values().forEach(WsClient::close);
            }
        }
    }

    @Test
    void filtersAndDeltaCompressionWorkTogether() {
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().build())
                .engine(EngineOptions.builder().delta(DeltaSettings.defaults().withConflationKeyPath("sym")).build()));
             WsClient plainBtc = WsClient.established(server.port(), TestServer.KEY);
             WsClient deltaBtc = WsClient.established(server.port(), TestServer.KEY)) {
            String filter = "{\"key\":\"sym\",\"cmp\":\"eq\",\"val\":\"BTC\"}";
            for (WsClient c : List.of(plainBtc, deltaBtc)) {
                c.send("{\"event\":\"pusher:subscribe\",\"data\":{\"channel\":\"ticker\",\"tags_filter\":" + filter + "}}");
                c.next();
            }
            deltaBtc.send("{\"event\":\"pusher:enable_delta_compression\",\"data\":{}}").next();
            HttpApiClient api = HttpApiClient.of(server);
            int btc = 0;
            for (int i = 0; i < 40; i++) {
                String sym = i % 2 == 0 ? "BTC" : "ETH";
                btc += sym.equals("BTC") ? 1 : 0;
                String data = "{\"sym\":\"" + sym + "\",\"price\":" + (1000 + i) + ",\"desc\":\"" + "a long constant description ".repeat(8) + "\"}";
                api.postEventOk("{\"name\":\"px\",\"channel\":\"ticker\",\"data\":" + Json.quote(data) + ",\"tags\":{\"sym\":\"" + sym + "\"}}");
            }
            DeltaDecodingClient decoder = new DeltaDecodingClient("fossil");
            List<String> plain = new ArrayList<>();
            List<String> decoded = new ArrayList<>();
            for (int i = 0; i < btc; i++) {
                plain.add(plainBtc.next());
                String d;
                do {
                    d = decoder.accept(deltaBtc.next());
                } while (d == null);
                decoded.add(d);
            }
            assertThat(decoded).containsExactlyElementsOf(plain);
            assertThat(plain).allMatch(f -> f.contains("\\\"sym\\\":\\\"BTC\\\""));
            assertThat(decoder.deltaFrames).isGreaterThan(btc / 2);
            HttpApiClient.of(server).publishSentinel("ticker", "{\"sym\":\"BTC\"}");
            assertThat(plainBtc.framesBeforeSentinel()).isEmpty();
        }
    }

    @Test
    void aLateSubscriberStartsWithAFullFrameAndDecodesFromThere() {
        try (SockudoServer server = TestServer.start(b -> b.app(TestServer.app().build())
                .engine(EngineOptions.builder().delta(DeltaSettings.defaults()).build()));
             WsClient early = WsClient.established(server.port(), TestServer.KEY)) {
            early.send("{\"event\":\"pusher:enable_delta_compression\",\"data\":{}}").next();
            early.subscribe("stream").next();
            HttpApiClient api = HttpApiClient.of(server);
            String desc = "constant text that makes deltas worth it ".repeat(6);
            for (int i = 0; i < 10; i++) {
                api.publishOk("stream", "tick", "{\"n\":" + i + ",\"desc\":\"" + desc + "\"}");
            }
            DeltaDecodingClient earlyDecoder = new DeltaDecodingClient("fossil");
            for (int i = 0; i < 10; i++) {
                earlyDecoder.accept(early.next());
            }
            try (WsClient late = WsClient.established(server.port(), TestServer.KEY)) {
                late.send("{\"event\":\"pusher:enable_delta_compression\",\"data\":{}}").next();
                late.subscribe("stream").next();
                for (int i = 10; i < 20; i++) {
                    api.publishOk("stream", "tick", "{\"n\":" + i + ",\"desc\":\"" + desc + "\"}");
                }
                DeltaDecodingClient lateDecoder = new DeltaDecodingClient("fossil");
                String first = late.next();
                assertThat(first).as("a late subscriber has nothing to delta against yet: the plain frame")
                        .doesNotContain("\"__delta_seq\":").doesNotStartWith("{\"event\":\"pusher:delta\"");
                List<String> lateFrames = new ArrayList<>();
                lateFrames.add(lateDecoder.accept(first));
                for (int i = 11; i < 20; i++) {
                    lateFrames.add(lateDecoder.accept(late.next()));
                }
                List<String> earlyFrames = new ArrayList<>();
                for (int i = 10; i < 20; i++) {
                    earlyFrames.add(earlyDecoder.accept(early.next()));
                }
                assertThat(lateFrames).containsExactlyElementsOf(earlyFrames);
                assertThat(lateDecoder.deltaFrames).isGreaterThan(5);
            }
        }
    }
}
