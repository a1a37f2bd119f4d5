package io.sockudo.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/**
 * The delta compression frames (the wire format of sockudo 3.4 and its JS client).
 *
 * <p>A full frame to a delta-enabled socket is the plain frame with {@code "__delta_seq":N} and,
 * when the channel conflates, {@code "__conflation_key":"K"} spliced in before its final brace.
 * The client strips exactly those fields from the text it received to recover the plain frame,
 * which is the base the next delta applies to. A delta frame carries the delta of the new plain
 * frame against that base:
 * {@code {"event":"pusher:delta","channel":C,"data":{"event":E,"delta":"<base64>","seq":N,
 * "algorithm":"fossil","conflation_key":"K","base_index":M}}} where M is the base's seq.
 */
public final class DeltaFrames {

    private DeltaFrames() {
    }

    /**
     * The plain frame with the sequence (and conflation key) fields spliced in at the end of its
     * top-level object.
     *
     * @param conflationKey the chain's key, or null/empty when the channel does not conflate
     */
    public static byte[] withSequence(byte[] plain, long seq, String conflationKey) {
        int close = plain.length - 1;
        while (close >= 0 && plain[close] != '}') {
            close--;
        }
        if (close < 0) {
            throw new IllegalArgumentException("not a JSON object");
        }
        byte[] seqField = (",\"__delta_seq\":" + seq).getBytes(StandardCharsets.US_ASCII);
        byte[] keyField = conflationKey == null || conflationKey.isEmpty()
                ? new byte[0]
                : (",\"__conflation_key\":" + Json.quote(conflationKey)).getBytes(StandardCharsets.UTF_8);
        byte[] out = Arrays.copyOf(plain, plain.length + seqField.length + keyField.length);
        System.arraycopy(seqField, 0, out, close, seqField.length);
        System.arraycopy(keyField, 0, out, close + seqField.length, keyField.length);
        System.arraycopy(plain, close, out, close + seqField.length + keyField.length, plain.length - close);
        return out;
    }

    /**
     * A {@code pusher:delta} frame.
     *
     * @param algorithm the wire name, or null to leave it out ({@code omit_delta_algorithm})
     * @param conflationKey the chain's key, or null/empty for none
     */
    public static byte[] delta(String channel, String event, byte[] delta, long seq, String algorithm,
                               String conflationKey, long baseIndex) {
        String encoded = Base64.getEncoder().encodeToString(delta);
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("event", PusherEvents.DELTA);
            g.writeStringField("channel", channel);
            g.writeObjectFieldStart("data");
            g.writeStringField("event", event);
            g.writeStringField("delta", encoded);
            g.writeNumberField("seq", seq);
            if (algorithm != null) {
                g.writeStringField("algorithm", algorithm);
            }
            if (conflationKey != null && !conflationKey.isEmpty()) {
                g.writeStringField("conflation_key", conflationKey);
            }
            g.writeNumberField("base_index", baseIndex);
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    /**
     * {@code pusher:delta_compression_enabled}; with a channel it answers a subscription's own
     * {@code delta} setting.
     */
    public static byte[] compressionEnabled(boolean enabled, String algorithm, String channel) {
        return Json.write(g -> {
            g.writeStartObject();
            g.writeStringField("event", PusherEvents.DELTA_COMPRESSION_ENABLED);
            if (channel != null) {
                g.writeStringField("channel", channel);
            }
            g.writeObjectFieldStart("data");
            g.writeBooleanField("enabled", enabled);
            if (algorithm != null) {
                g.writeStringField("algorithm", algorithm);
            }
            if (channel != null) {
                g.writeStringField("channel", channel);
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }
}
