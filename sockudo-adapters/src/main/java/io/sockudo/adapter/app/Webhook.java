package io.sockudo.adapter.app;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One webhook endpoint of an app: where to POST, which event types it wants, which channels, and
 * extra headers. Retry behaviour comes from the server's webhook settings.
 *
 * @param url            the endpoint
 * @param eventTypes     {@code channel_occupied}, {@code member_added}, ... (empty: none)
 * @param channelPrefix  only channels starting with this, or null
 * @param channelSuffix  only channels ending with this, or null
 * @param channelPattern only channels in which this regular expression finds a match (unanchored,
 *                       as sockudo's regex filter), or null
 * @param headers        extra request headers
 */
public record Webhook(String url, Set<String> eventTypes, String channelPrefix, String channelSuffix,
                      Pattern channelPattern, Map<String, String> headers) {

    public Webhook {
        Objects.requireNonNull(url, "url");
        eventTypes = Set.copyOf(eventTypes);
        headers = Map.copyOf(headers);
    }

    public static Webhook of(String url, Set<String> eventTypes) {
        return new Webhook(url, eventTypes, null, null, null, Map.of());
    }

    /** Whether this endpoint wants an event of this type about this channel. */
    public boolean accepts(String eventType, String channel) {
        if (!eventTypes.contains(eventType)) {
            return false;
        }
        if (channel == null) {
            return true;
        }
        return (channelPrefix == null || channel.startsWith(channelPrefix))
                && (channelSuffix == null || channel.endsWith(channelSuffix))
                && (channelPattern == null || channelPattern.matcher(channel).find());
    }
}
