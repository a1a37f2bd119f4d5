package io.sockudo.adapter.cluster.nats;

import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import io.nats.client.Options;
import io.sockudo.adapter.cluster.Destination;
import io.sockudo.adapter.cluster.Subjects;
import io.sockudo.adapter.cluster.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * NATS as a cluster backbone. jnats reconnects and resubscribes by itself; what is published
 * while it is disconnected is lost. The connection runs with
 * {@code no_echo}, so a node does not even receive its own messages.
 */
final class NatsTransport implements Transport {

    private final Options.Builder options;
    private final Subjects subjects;
    private final Duration flushTimeout;
    private volatile Connection connection;
    private volatile Inbound inbound;
    private volatile boolean subscribed;

    NatsTransport(Options.Builder options, Subjects subjects, Duration flushTimeout) {
        this.options = options;
        this.subjects = subjects;
        this.flushTimeout = flushTimeout;
    }

    @Override
    public void start(List<String> subscriptions, Inbound inbound) {
        this.inbound = inbound;
        Connection c;
        try {
            c = Nats.connectReconnectOnConnect(options.connectionListener(this::event).build());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot connect to NATS", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while connecting to NATS", e);
        }
        connection = c;
        Dispatcher dispatcher = c.createDispatcher(message -> inbound.message(message.getData()));
        subscriptions.forEach(dispatcher::subscribe);
        subscribed = true;
        if (c.getStatus() == Connection.Status.CONNECTED) {
            try {
                c.flush(flushTimeout); // the server has our subscriptions before anyone is told we are here
                inbound.up();
            } catch (Exception e) {
                inbound.down(e);
            }
        }
    }

    private void event(Connection c, ConnectionListener.Events event) {
        Inbound in = inbound;
        if (in == null) {
            return;
        }
        switch (event) {
            case CONNECTED, RECONNECTED, RESUBSCRIBED -> {
                if (subscribed) {
                    in.up();
                }
            }
            case DISCONNECTED, CLOSED -> in.down(new IOException("NATS connection " + event.name().toLowerCase()));
            default -> {
            }
        }
    }

    @Override
    public void send(List<Outgoing> batch) {
        Connection c = connection;
        if (c == null || c.getStatus() != Connection.Status.CONNECTED) {
            // lost, as on Redis, rather than held in jnats' reconnect buffer: publishing around
            // a reconnect has been seen (jnats 2.25) to leave its writer unable to send at all
            throw new IllegalStateException("NATS is not connected");
        }
        for (Outgoing o : batch) {
            c.publish(o.subject(), o.payload());
        }
    }

    @Override
    public String subject(Destination destination) {
        return subjects.of(destination);
    }

    @Override
    public void close() {
        inbound = null;
        Connection c = connection;
        if (c != null) {
            try {
                c.close();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
