package io.sockudo.adapter.cluster;

import java.util.Objects;

/**
 * How many of something the sending node has now: an absolute value, so a lost or repeated
 * message is made good by the next one, and the receiver keeps the latest value per node. The
 * cluster's count is the sum over the nodes; see {@code docs/cluster.md} for the tolerance.
 *
 * @param name the channel for {@link Kind#CHANNEL_SOCKETS}, the user id for
 *             {@link Kind#USER_CONNECTIONS}, null for {@link Kind#APP_CONNECTIONS}
 */
public record NodeCount(Kind kind, String appId, String name, long count) implements ClusterMessage {

    /** What is counted. */
    public enum Kind {
        /** The app's open connections ({@code max_connections}). */
        APP_CONNECTIONS(RequestType.SOCKETS_COUNT_UPDATE),
        /** The sockets subscribed to a channel (occupancy, {@code subscription_count}). */
        CHANNEL_SOCKETS(RequestType.CHANNEL_COUNT_UPDATE),
        /** A signed-in user's connections (watchlist online/offline). */
        USER_CONNECTIONS(RequestType.USER_CONNECTIONS_UPDATE);

        private final RequestType wireType;

        Kind(RequestType wireType) {
            this.wireType = wireType;
        }

        public RequestType wireType() {
            return wireType;
        }
    }

    /** What a count is about, without its value. */
    public record Key(Kind kind, String appId, String name) {

        public Key {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(appId, "appId");
            if ((kind == Kind.APP_CONNECTIONS) != (name == null)) {
                throw new IllegalArgumentException(kind + " with name " + name);
            }
        }

        public NodeCount withCount(long count) {
            return new NodeCount(kind, appId, name, count);
        }
    }

    public NodeCount {
        new Key(kind, appId, name); // validates
        if (count < 0) {
            throw new IllegalArgumentException("negative count " + count);
        }
    }

    public Key key() {
        return new Key(kind, appId, name);
    }
}
