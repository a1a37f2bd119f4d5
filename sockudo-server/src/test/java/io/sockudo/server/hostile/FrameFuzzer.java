package io.sockudo.server.hostile;

import io.sockudo.server.testing.TestServer;
import io.sockudo.testkit.ClientFrames;
import io.sockudo.testkit.JsonTree;
import io.sockudo.testkit.ws.RawWebSocket;
import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Random;

/**
 * One randomized WebSocket session: a valid upgrade, then a few frames drawn from a seeded
 * {@link Random}: Pusher messages both sound and broken (unknown events, wrong types, names and
 * payloads over their limits, truncated JSON, invalid UTF-8) and frames no client should send
 * (unmasked, reserved bits, unknown opcodes, oversized control frames, lengths that lie), and an
 * ending: a close frame, a dropped connection, or nothing.
 */
final class FrameFuzzer {

    private static final List<String> CHANNELS = List.of("fuzz", "private-fuzz", "presence-fuzz", "private-encrypted-fuzz",
            "cache-fuzz", "#server-to-user-1", "bad name", "", "x".repeat(201), "presence-" + "y".repeat(300));
    private static final List<String> EVENTS = List.of("pusher:subscribe", "pusher:unsubscribe", "pusher:ping", "pusher:pong",
            "pusher:signin", "pusher:enable_delta_compression", "pusher:nonsense", "client-x", "client-" + "z".repeat(250), "plain");

    private final Random random;
    private final int port;

    FrameFuzzer(Random random, int port) {
        this.random = random;
        this.port = port;
    }

    /** Runs one session; the server's answers are not judged here, only that it survives them. */
    void session() {
        RawWebSocket ws = RawWebSocket.established(port, TestServer.KEY);
        try {
            int frames = 1 + random.nextInt(8);
            for (int i = 0; i < frames; i++) {
                if (!ws.tryWrite(random.nextInt(3) == 0 ? hostileFrame() : RawWebSocket.textFrame(message()))) {
                    break;
                }
            }
            switch (random.nextInt(3)) {
                case 0 -> {
                    ws.tryWrite(RawWebSocket.closeFrame(1000, ""));
                    ws.tcpClosedWithin(500);
                }
                case 1 -> ws.tcpClosedWithin(100);
                default -> { }
            }
        } finally {
            if (random.nextBoolean()) {
                ws.abort();
            } else {
                ws.close();
            }
        }
    }

    private String message() {
        String event = pick(EVENTS);
        String channel = pick(CHANNELS);
        return switch (random.nextInt(9)) {
            case 0 -> ClientFrames.subscribe(channel);
            case 1 -> ClientFrames.subscribe(channel, "app-key:" + hex(64), "{\"user_id\":" + JsonTree.quote(text(20)) + "}");
            case 2 -> ClientFrames.unsubscribe(channel);
            case 3 -> ClientFrames.clientEvent(event, channel, JsonTree.quote(text(random.nextInt(12_000))));
            case 4 -> "{\"event\":" + JsonTree.quote(event) + ",\"data\":" + json(3) + "}";
            case 5 -> "{\"event\":" + json(2) + ",\"channel\":" + json(1) + ",\"data\":" + json(2) + "}";
            case 6 -> ClientFrames.signin("{\"id\":" + json(1) + "}", "app-key:" + hex(64));
            case 7 -> "{\"event\":\"pusher:enable_delta_compression\",\"data\":{\"algorithms\":" + json(2) + "}}";
            default -> truncate(ClientFrames.subscribe(channel));
        };
    }

    private byte[] hostileFrame() {
        byte[] payload = new byte[random.nextInt(random.nextInt(10) == 0 ? 70_000 : 200)];
        random.nextBytes(payload);
        return switch (random.nextInt(6)) {
            case 0 -> RawWebSocket.frame(random.nextBoolean(), random.nextInt(16), payload, random.nextInt(4) != 0);
            case 1 -> RawWebSocket.frame(true, 1 + random.nextInt(7), RawWebSocket.TEXT, payload, true);
            case 2 -> RawWebSocket.frame(true, RawWebSocket.TEXT, payload, true);
            case 3 -> RawWebSocket.frame(random.nextBoolean(), RawWebSocket.PING + random.nextInt(2), new byte[126 + random.nextInt(50)], true);
            case 4 -> lyingLength();
            default -> payload.length == 0 ? new byte[] {(byte) 0x81} : java.util.Arrays.copyOf(payload, Math.min(payload.length, 16));
        };
    }

    /** A header declaring far more payload than follows. */
    private byte[] lyingLength() {
        ByteArrayOutputStream f = new ByteArrayOutputStream();
        f.write(0x81);
        f.write(0x80 | 127);
        long declared = random.nextBoolean() ? Long.MAX_VALUE : 1L << (20 + random.nextInt(20));
        for (int shift = 56; shift >= 0; shift -= 8) {
            f.write((int) (declared >>> shift) & 0xFF);
        }
        f.write(new byte[4], 0, 4);
        int sent = random.nextInt(64);
        f.write(new byte[sent], 0, sent);
        return f.toByteArray();
    }

    private String json(int depth) {
        int kind = random.nextInt(depth <= 0 ? 5 : 7);
        return switch (kind) {
            case 0 -> "null";
            case 1 -> Boolean.toString(random.nextBoolean());
            case 2 -> random.nextBoolean() ? Long.toString(random.nextLong()) : Double.toString(random.nextDouble() * 1e300);
            case 3 -> JsonTree.quote(text(random.nextInt(40)));
            case 4 -> "\"\\ud800" + text(3) + "\"";
            case 5 -> "[" + json(depth - 1) + "," + json(depth - 1) + "]";
            default -> "{" + JsonTree.quote(text(5)) + ":" + json(depth - 1) + "}";
        };
    }

    private String truncate(String s) {
        return s.substring(0, random.nextInt(s.length()));
    }

    private String text(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(random.nextInt(10) == 0 ? (char) random.nextInt(0x3000) : (char) ('a' + random.nextInt(26)));
        }
        return sb.toString();
    }

    private String hex(int n) {
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(Character.forDigit(random.nextInt(16), 16));
        }
        return sb.toString();
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
