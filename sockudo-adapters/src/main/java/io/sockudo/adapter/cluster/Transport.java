package io.sockudo.adapter.cluster;

import java.util.List;

/**
 * A pub/sub server seen by a {@link ClusterBackbone}: the one thing each driver implements.
 * A transport keeps its subscriptions alive by itself, reconnecting after any outage.
 */
public interface Transport {

    /**
     * Subscribes to {@code subscriptions} and delivers what arrives to {@code inbound}, from the
     * transport's own thread, one message at a time. Returns at once; the first connection and
     * every later one are reported through {@link Inbound#up()}.
     */
    void start(List<String> subscriptions, Inbound inbound);

    /**
     * Publishes a batch, in order. Called from one thread only (the backbone's publisher),
     * which it may block.
     *
     * @throws Exception when the batch, or part of it, could not be handed to the server
     */
    void send(List<Outgoing> batch) throws Exception;

    /** The server's name of a destination. */
    String subject(Destination destination);

    /** Unsubscribes and closes every connection. */
    void close();

    /** A message on its way out: its server-side channel and its encoded bytes. */
    record Outgoing(String subject, byte[] payload) {
    }

    /** What a transport reports to the backbone. */
    interface Inbound {
        void message(byte[] payload);

        /** Connected and subscribed. May be repeated; only changes matter. */
        void up();

        /** The connection is lost (or could not be made). May be repeated. */
        void down(Throwable cause);
    }
}
