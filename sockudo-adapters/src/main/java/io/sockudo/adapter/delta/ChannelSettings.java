package io.sockudo.adapter.delta;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.ChannelDeltaSetting;
import java.util.Map;

/**
 * What an app's {@code channel_delta_compression} says about one channel, merged with the server
 * defaults: whether deltas are allowed, the preferred algorithm, the conflation key path and
 * whether frames carry tags.
 *
 * <p>Entries are exact names or patterns with one {@code *} ({@code ticker-*}, {@code *-prices},
 * {@code a*b}, {@code *}). An exact name wins; otherwise the longest matching pattern, and among
 * equally long ones the first in alphabetical order, so the outcome never depends on map order.
 */
public record ChannelSettings(boolean deltaAllowed, String algorithm, String conflationKeyPath, boolean enableTags) {

    public static ChannelSettings resolve(App app, String channel, DeltaSettings delta, boolean defaultEnableTags) {
        ChannelDeltaSetting s = find(app.channelDeltaCompression(), channel);
        if (s == null) {
            s = ChannelDeltaSetting.INHERIT;
        }
        return new ChannelSettings(
                delta.enabled() && s.enabled(),
                s.algorithm() != null ? s.algorithm() : delta.algorithm(),
                s.conflationKey() != null ? s.conflationKey() : delta.conflationKeyPath(),
                s.enableTags() != null ? s.enableTags() : defaultEnableTags);
    }

    static ChannelDeltaSetting find(Map<String, ChannelDeltaSetting> settings, String channel) {
        if (settings.isEmpty()) {
            return null;
        }
        ChannelDeltaSetting exact = settings.get(channel);
        if (exact != null) {
            return exact;
        }
        String best = null;
        for (String pattern : settings.keySet()) {
            if (matches(pattern, channel)
                    && (best == null || pattern.length() > best.length() || pattern.length() == best.length() && pattern.compareTo(best) < 0)) {
                best = pattern;
            }
        }
        return best == null ? null : settings.get(best);
    }

    static boolean matches(String pattern, String channel) {
        int star = pattern.indexOf('*');
        if (star < 0 || star != pattern.lastIndexOf('*')) {
            return false;
        }
        String before = pattern.substring(0, star);
        String after = pattern.substring(star + 1);
        return channel.length() >= before.length() + after.length() && channel.startsWith(before) && channel.endsWith(after);
    }
}
