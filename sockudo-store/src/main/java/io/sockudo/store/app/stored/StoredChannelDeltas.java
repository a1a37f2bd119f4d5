package io.sockudo.store.app.stored;

import io.sockudo.adapter.app.ChannelDeltaSetting;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@code channel_delta_compression}: channel name or pattern to a word ({@code inherit},
 * {@code disabled}, {@code fossil}, {@code xdelta3}) or an object {@code {enabled, algorithm,
 * conflation_key, enable_tags}}.
 */
final class StoredChannelDeltas {

    private StoredChannelDeltas() {
    }

    static Map<String, ChannelDeltaSetting> read(Fields channels) {
        Fields settings = channels.object("channel_delta_compression");
        Map<String, ChannelDeltaSetting> out = new LinkedHashMap<>();
        for (Map.Entry<String, ?> e : settings.entries().entrySet()) {
            out.put(e.getKey(), setting(settings, e.getKey(), e.getValue()));
        }
        return out;
    }

    private static ChannelDeltaSetting setting(Fields settings, String channel, Object value) {
        if (value == null) {
            return ChannelDeltaSetting.INHERIT;
        }
        if (value instanceof String word) {
            return switch (word.trim().toLowerCase(Locale.ROOT)) {
                case "inherit" -> ChannelDeltaSetting.INHERIT;
                case "disabled" -> ChannelDeltaSetting.DISABLED;
                case "fossil" -> new ChannelDeltaSetting(true, "fossil", null, null);
                case "xdelta3" -> new ChannelDeltaSetting(true, "xdelta3", null, null);
                default -> throw settings.bad(channel, "\"inherit\", \"disabled\", \"fossil\", \"xdelta3\" or an object");
            };
        }
        if (!(value instanceof Map<?, ?>)) {
            throw settings.bad(channel, "\"inherit\", \"disabled\", \"fossil\", \"xdelta3\" or an object");
        }
        Fields s = settings.object(channel);
        String algorithm = s.text("algorithm");
        if (algorithm != null) {
            algorithm = algorithm.trim().toLowerCase(Locale.ROOT);
            if (!algorithm.equals("fossil") && !algorithm.equals("xdelta3")) {
                throw s.bad("algorithm", "\"fossil\" or \"xdelta3\"");
            }
        }
        Boolean enabled = s.bool("enabled");
        return new ChannelDeltaSetting(enabled == null || enabled, algorithm, s.text("conflation_key"), s.bool("enable_tags"));
    }
}
