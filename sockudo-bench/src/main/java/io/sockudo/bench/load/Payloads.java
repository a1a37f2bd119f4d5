package io.sockudo.bench.load;

import io.sockudo.protocol.Json;
import java.nio.charset.StandardCharsets;

/**
 * The events the generator publishes. {@code data} is a JSON object whose first field is the
 * send time, {@code {"ts":<epoch micros>,"seq":N,...}}, padded to the requested size. With
 * symbols, it is a ticker stream: one {@code sym} per message in turn and small price changes,
 * the shape delta compression with conflation by {@code sym} is built for.
 */
final class Payloads {

    static final String EVENT = "bench";

    private final int payloadBytes;
    private final int symbols;

    Payloads(int payloadBytes, int symbols) {
        this.payloadBytes = payloadBytes;
        this.symbols = symbols;
    }

    /** The data of message {@code seq}; {@code tsMicros} of 0 leaves the timestamp out. */
    String data(long seq, long tsMicros) {
        StringBuilder s = new StringBuilder(Math.max(64, payloadBytes + 16)).append('{');
        if (tsMicros > 0) {
            s.append("\"ts\":").append(tsMicros).append(',');
        }
        s.append("\"seq\":").append(seq);
        if (symbols > 0) {
            int sym = (int) (seq % symbols);
            long round = seq / symbols;
            long cents = 10_000 + sym * 100L + (round * 7 + sym) % 40;
            // a quote as market data feeds publish them: a few moving numbers among fields that
            // stay the same from one tick of a symbol to the next
            s.append(",\"sym\":\"S").append(sym).append('"')
                    .append(",\"bid\":").append(cents / 100).append('.').append(two(cents % 100))
                    .append(",\"ask\":").append((cents + 2) / 100).append('.').append(two((cents + 2) % 100))
                    .append(",\"vol\":").append(1_000 + (round * 13 + sym) % 500)
                    .append(",\"name\":\"Symbol S").append(sym).append(" / US Dollar\",\"exchange\":\"EXAMPLE\",\"currency\":\"USD\"")
                    .append(",\"status\":\"open\",\"tick_size\":\"0.01\",\"lot_size\":\"1\",\"open\":")
                    .append(100 + sym).append(".00,\"high\":").append(101 + sym).append(".50,\"low\":").append(99 + sym)
                    .append(".25,\"prev_close\":").append(100 + sym).append(".10");
        }
        int pad = payloadBytes - s.length() - 10;
        if (pad > 0) {
            s.append(",\"pad\":\"");
            for (int i = 0; i < pad; i++) {
                s.append((char) ('a' + i % 26));
            }
            s.append('"');
        }
        return s.append('}').toString();
    }

    /** The HTTP API body: {@code {"name":"bench","channel":C,"data":"<data as a string>"}}. */
    static byte[] apiBody(String channel, String data) {
        return ("{\"name\":\"" + EVENT + "\",\"channel\":" + Json.quote(channel) + ",\"data\":" + Json.quote(data) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /**
     * What the baseline server broadcasts verbatim: the very frame a Pusher server would send
     * for the same event, so both servers put the same bytes on the wire.
     */
    static byte[] frame(String channel, String data) {
        return ("{\"event\":\"" + EVENT + "\",\"channel\":" + Json.quote(channel) + ",\"data\":" + Json.quote(data) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    private static String two(long n) {
        return n < 10 ? "0" + n : Long.toString(n);
    }
}
