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
            s.append(",\"sym\":\"S").append(sym).append('"')
                    .append(",\"bid\":").append(cents / 100).append('.').append(two(cents % 100))
                    .append(",\"ask\":").append((cents + 2) / 100).append('.').append(two((cents + 2) % 100))
                    .append(",\"vol\":").append(1_000 + (round * 13 + sym) % 500);
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
