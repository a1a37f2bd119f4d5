package io.sockudo.server.hostile;

import io.sockudo.protocol.ApiSignature;
import io.sockudo.server.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One randomized HTTP request from a seeded {@link Random}: any method on any route, signed
 * or not, with its query repeated, mangled or oversized, declared lengths that lie, chunked
 * encodings sound and broken, and bodies that are valid events, garbage, over the limit,
 * truncated or slow. The answer, when there is one, must be a status the API gives on purpose:
 * never a 5xx but 503 (busy).
 */
final class RequestFuzzer {

    private static final String APP = "/apps/" + TestServer.APP_ID;
    private static final List<String> METHODS = List.of("GET", "POST", "POST", "POST", "PUT", "DELETE", "OPTIONS", "HEAD", "PATCH", "BREW");
    private static final List<String> PATHS = List.of(APP + "/events", APP + "/events", APP + "/batch_events", APP + "/channels",
            APP + "/channels/fuzz", APP + "/channels/presence-fuzz/users", APP + "/users/1/terminate_connections",
            "/apps/other/events", "/up", "/up/" + TestServer.APP_ID, "/usage", "/", "/apps/", APP + "/events/%zz", APP + "/%2e%2e/events");

    private final Random random;
    private final int port;
    private final int maxBody;

    RequestFuzzer(Random random, int port, int maxBody) {
        this.random = random;
        this.port = port;
        this.maxBody = maxBody;
    }

    /** Sends one request and returns the answer's status, -1 for none; fails on a status the API never gives on purpose. */
    int request() throws IOException {
        String method = pick(METHODS);
        String path = pick(PATHS);
        byte[] body = body();
        String query = query(method, path, body);
        StringBuilder headers = new StringBuilder();
        boolean chunked = random.nextInt(4) == 0;
        if (chunked) {
            headers.append("Transfer-Encoding: chunked\r\n");
        }
        if (!chunked || random.nextInt(8) == 0) {
            headers.append("Content-Length: ").append(declaredLength(body.length)).append("\r\n");
        }
        if (random.nextInt(6) == 0) {
            headers.append(pick(List.of("Expect: 100-continue", "Connection: close", "Content-Type: text/plain", "Host: second",
                    "X-" + "h".repeat(random.nextInt(4000)) + ": v", "Content-Length: 5", "Transfer-Encoding: gzip, chunked")))
                    .append("\r\n");
        }
        try (RawHttp http = new RawHttp(port)) {
            if (!http.write(RawHttp.ascii(RawHttp.head(method, path + query, headers.toString())))) {
                return -1;
            }
            byte[] wire = chunked ? chunk(body) : body;
            int cut = random.nextInt(6) == 0 ? random.nextInt(wire.length + 1) : wire.length;
            if (random.nextInt(10) == 0 && cut > 1) {
                // slow: part now, the rest after a pause
                http.write(java.util.Arrays.copyOf(wire, cut / 2));
                ServerHealth.pause(random.nextInt(300));
                http.write(java.util.Arrays.copyOfRange(wire, cut / 2, cut));
            } else {
                http.write(java.util.Arrays.copyOf(wire, cut));
            }
            RawHttp.Reply reply = http.read(cut < wire.length ? 300 : 3000, !method.equals("HEAD"));
            if (reply.status() < 0 && Boolean.getBoolean("sockudo.fuzz.verbose")) {
                System.out.println("unanswered (" + reply.ending() + ", " + cut + " of " + wire.length + " body bytes sent): "
                        + method + " " + path + query.substring(0, Math.min(80, query.length())) + " " + headers);
            }
            if (reply.status() >= 500 && reply.status() != 503) {
                throw new AssertionError(method + " " + path + query + " with " + headers + "answered " + reply);
            }
            return reply.status();
        }
    }

    private String query(String method, String path, byte[] body) {
        String q;
        switch (random.nextInt(6)) {
            case 0 -> q = "";
            case 1 -> q = "?auth_key=" + TestServer.KEY;
            case 2 -> q = "?" + ApiSignature.signedQuery(method, path, Map.of(), body, TestServer.KEY, TestServer.SECRET,
                    System.currentTimeMillis() / 1000) + "&" + pick(List.of("auth_timestamp=1", "AUTH_KEY=x", "body_md5=", "info=user_count"));
            case 3 -> q = "?" + garbage(random.nextInt(random.nextInt(8) == 0 ? 8000 : 100));
            default -> q = "?" + ApiSignature.signedQuery(method, path, random.nextBoolean() ? Map.of() : Map.of("info", "subscription_count"),
                    body, TestServer.KEY, TestServer.SECRET, System.currentTimeMillis() / 1000);
        }
        return q;
    }

    private byte[] body() {
        return switch (random.nextInt(6)) {
            case 0 -> new byte[0];
            case 1 -> ascii("{\"name\":\"fuzzed\",\"channel\":\"fuzz\",\"data\":\"" + "d".repeat(random.nextInt(200)) + "\"}");
            case 2 -> ascii("{\"batch\":[{\"name\":\"a\",\"channel\":\"fuzz\",\"data\":\"1\"},{\"name\":\"b\"}]}");
            case 3 -> bytes(random.nextInt(2000));
            case 4 -> bytes(maxBody + random.nextInt(4096));
            default -> ascii("{\"name\":" + random.nextInt() + ",\"channels\":[" + "\"c\",".repeat(random.nextInt(150)) + "\"c\"],\"data\":{}}");
        };
    }

    private long declaredLength(int actual) {
        return switch (random.nextInt(8)) {
            case 0 -> actual + 1 + random.nextInt(100_000);
            case 1 -> Math.max(0, actual - 1 - random.nextInt(10));
            case 2 -> random.nextBoolean() ? Long.MAX_VALUE : 10L * 1024 * 1024;
            default -> actual;
        };
    }

    private byte[] chunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(body.length + 64);
        int i = 0;
        while (i < body.length) {
            int n = Math.min(body.length - i, 1 + random.nextInt(4096));
            String size = random.nextInt(30) == 0 ? "zz" : Integer.toHexString(random.nextInt(30) == 0 ? n + 7 : n);
            out.writeBytes(ascii(size + "\r\n"));
            out.write(body, i, n);
            out.writeBytes(ascii("\r\n"));
            i += n;
        }
        if (random.nextInt(10) != 0) {
            out.writeBytes(ascii("0\r\n\r\n"));
        }
        return out.toByteArray();
    }

    private String garbage(int n) {
        String alphabet = "abcAZ09=&%+;/?#[]_-.~\u00e9";
        StringBuilder sb = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private <T> T pick(List<T> from) {
        return from.get(random.nextInt(from.size()));
    }
}
