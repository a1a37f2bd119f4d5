package io.sockudo.server.testing;

import io.sockudo.delta.DeltaCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes a delta-compressed frame stream the way the JS client does: full frames carry
 * {@code __delta_seq} (and {@code __conflation_key}) which are stripped from the received text to
 * get the base; {@code pusher:delta} frames are applied to the base whose seq is
 * {@code base_index}, among the bases kept per conflation key. Returns the reconstructed plain
 * frames, which must equal what a subscriber without delta compression receives.
 */
public final class DeltaDecodingClient {

    private static final Pattern SEQ = Pattern.compile(",\"__delta_seq\":(\\d+)");
    private static final Pattern KEY = Pattern.compile(",\"__conflation_key\":\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern FIELD = Pattern.compile("\"(event|channel|delta|algorithm|conflation_key)\":\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern NUMBER = Pattern.compile("\"(seq|base_index)\":(\\d+)");

    private record Base(long seq, String text) {
    }

    private final Map<String, List<Base>> bases = new HashMap<>();
    private final String defaultAlgorithm;
    public int fullFrames;
    public int deltaFrames;
    public long wireBytes;

    public DeltaDecodingClient(String defaultAlgorithm) {
        this.defaultAlgorithm = defaultAlgorithm;
    }

    /** Feeds one received frame; returns the plain frame it stands for, or null for protocol frames. */
    public String accept(String frame) {
        wireBytes += frame.getBytes(StandardCharsets.UTF_8).length;
        if (frame.startsWith("{\"event\":\"pusher:delta\"")) {
            deltaFrames++;
            Map<String, String> f = fields(frame);
            Map<String, Long> n = numbers(frame);
            String key = f.getOrDefault("conflation_key", "");
            String channel = f.get("channel");
            List<Base> list = bases.get(channel + "\u0000" + key);
            if (list == null) {
                throw new AssertionError("delta for a key without bases: " + frame);
            }
            long baseIndex = n.get("base_index");
            Base base = list.stream().filter(b -> b.seq == baseIndex).findFirst()
                    .orElseThrow(() -> new AssertionError("no base with seq " + baseIndex + " for " + frame));
            String algorithm = f.getOrDefault("algorithm", defaultAlgorithm);
            byte[] delta = Base64.getDecoder().decode(f.get("delta"));
            String text = new String(DeltaCodec.forName(algorithm).decode(base.text.getBytes(StandardCharsets.UTF_8), delta), StandardCharsets.UTF_8);
            remember(channel, key, n.get("seq"), text);
            return text;
        }
        Matcher seq = SEQ.matcher(frame);
        if (frame.startsWith("{\"event\":\"pusher") || !seq.find()) {
            return frame.startsWith("{\"event\":\"pusher") ? null : frame;
        }
        fullFrames++;
        long s = Long.parseLong(seq.group(1));
        String plain = SEQ.matcher(frame).replaceFirst("");
        Matcher key = KEY.matcher(plain);
        String k = "";
        if (key.find()) {
            k = key.group(1);
            plain = KEY.matcher(plain).replaceFirst("");
        }
        Matcher ch = FIELD.matcher(plain);
        String channel = null;
        while (ch.find()) {
            if (ch.group(1).equals("channel")) {
                channel = ch.group(2);
                break;
            }
        }
        remember(channel, k, s, plain);
        return plain;
    }

    private void remember(String channel, String key, long seq, String text) {
        List<Base> list = bases.computeIfAbsent(channel + "\u0000" + key, x -> new ArrayList<>());
        list.add(new Base(seq, text));
        if (list.size() > 30) {
            list.remove(0);
        }
    }

    /** Forgets everything, as the JS client does after a sync error. */
    public void reset() {
        bases.clear();
    }

    private static Map<String, String> fields(String frame) {
        Map<String, String> out = new HashMap<>();
        Matcher m = FIELD.matcher(frame);
        while (m.find()) {
            // the outer "event" is pusher:delta; the inner one (the original event) comes later and wins
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    private static Map<String, Long> numbers(String frame) {
        Map<String, Long> out = new HashMap<>();
        Matcher m = NUMBER.matcher(frame);
        while (m.find()) {
            out.put(m.group(1), Long.parseLong(m.group(2)));
        }
        return out;
    }
}
