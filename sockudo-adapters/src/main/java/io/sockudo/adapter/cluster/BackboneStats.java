package io.sockudo.adapter.cluster;

import java.util.Map;

/**
 * Counters of one backbone since it started.
 *
 * @param published       messages handed to the server
 * @param dropped         messages not queued: the outgoing queue was full, or the backbone closed
 * @param publishFailures messages lost because the server refused or the connection broke
 * @param received        messages from peers accepted for delivery
 * @param inboundDropped  messages from peers dropped because the listener fell too far behind
 * @param decodeErrors    messages that were not cluster messages
 * @param disconnects     times the connection was lost
 * @param requests        app id → its requests between nodes (live counters), for every app that made or got one
 */
public record BackboneStats(long published, long dropped, long publishFailures, long received,
                            long inboundDropped, long decodeErrors, long disconnects, Map<String, RequestStats> requests) {

    public BackboneStats {
        requests = Map.copyOf(requests);
    }
}
