package io.sockudo.server.config;

import io.sockudo.adapter.app.ChannelDeltaSetting;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads an app's {@code channel_delta_compression}: channel name or pattern to either a word
 * ({@code inherit}, {@code disabled}, {@code fossil}, {@code xdelta3}) or an object
 * {@code {enabled, algorithm, conflation_key, enable_tags}}. Unlike sockudo, the algorithm is
 * read in any case ({@code "Fossil"} and {@code "fossil"} both work).
 */
final class ChannelDeltaReader {

    private ChannelDeltaReader() {
    }

    static Map<String, ChannelDeltaSetting> read(ConfigNode node) {
        Map<String, ChannelDeltaSetting> out = new LinkedHashMap<>();
        node.entries().forEach((channel, setting) -> out.put(channel, setting(setting)));
        return out;
    }

    private static ChannelDeltaSetting setting(ConfigNode n) {
        if (!n.isSet()) {
            return ChannelDeltaSetting.INHERIT;
        }
        if (n.isText()) {
            return switch (n.string("").trim().toLowerCase(Locale.ROOT)) {
                case "inherit" -> ChannelDeltaSetting.INHERIT;
                case "disabled" -> ChannelDeltaSetting.DISABLED;
                case "fossil" -> new ChannelDeltaSetting(true, "fossil", null, null);
                case "xdelta3" -> new ChannelDeltaSetting(true, "xdelta3", null, null);
                default -> throw n.invalid("\"inherit\", \"disabled\", \"fossil\", \"xdelta3\" or an object");
            };
        }
        if (!n.isObject()) {
            throw n.invalid("\"inherit\", \"disabled\", \"fossil\", \"xdelta3\" or an object");
        }
        ConfigNode algorithm = n.get("algorithm");
        return new ChannelDeltaSetting(
                n.get("enabled").bool(true),
                algorithm.isSet() ? ServerConfigReader.deltaAlgorithm(algorithm) : null,
                n.get("conflation_key").optionalString(),
                n.get("enable_tags").optionalBool());
    }
}
