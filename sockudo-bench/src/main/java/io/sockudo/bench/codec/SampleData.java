package io.sockudo.bench.codec;

/** Event data of a given size for the codec benchmarks: a small JSON object, padded. */
final class SampleData {

    private static final String HEAD = "{\"sym\":\"BTC-EUR\",\"bid\":61234.5,\"ask\":61236.25,\"note\":\"";

    private SampleData() {
    }

    /** A JSON object of about {@code bytes} bytes (at least its fixed fields), with quotes to escape as app payloads have. */
    static String json(int bytes) {
        StringBuilder s = new StringBuilder(bytes + 32).append(HEAD);
        while (s.length() < bytes - 2) {
            s.append("lorem ipsum ");
        }
        s.setLength(Math.max(HEAD.length(), bytes - 2));
        return s.append("\"}").toString();
    }
}
