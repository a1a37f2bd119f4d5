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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;

/**
 * NATS as a cluster backbone. jnats reconnects and resubscribes by itself; what is published
 * while it is disconnected is lost. The connection runs with
 * {@code no_echo}, so a node does not even receive its own messages.
 */
final class NatsTransport implements Transport {

    private static final long MIN_BACKOFF_MS = 50;
    private static final long MAX_BACKOFF_MS = 2_000;

    private final Options.Builder options;
    private final Subjects subjects;
    private final Duration flushTimeout;
    private volatile Connection connection;
    private volatile Inbound inbound;
    private volatile boolean subscribed;
    private volatile boolean running;
    private Thread connector;

    NatsTransport(Options.Builder options, Subjects subjects, Duration flushTimeout) {
        this.options = options;
        this.subjects = subjects;
        this.flushTimeout = flushTimeout;
    }

    @Override
    public void start(List<String> subscriptions, Inbound inbound) {
        this.inbound = inbound;
        running = true;
        Options built = options.connectionListener(this::event).build();
        // jnats' own connect-and-retry blocks its caller until a server answers, and cannot be
        // stopped before that: the first connection is made here, retried until closed
        connector = new Thread(() -> connectUntilClosed(built, subscriptions, inbound), "sockudo-backbone-nats-connector");
        connector.setDaemon(true);
        connector.start();
    }

    private void connectUntilClosed(Options built, List<String> subscriptions, Inbound inbound) {
        long backoff = MIN_BACKOFF_MS;
        while (running) {
            try {
                Connection c = Nats.connect(built);
                connection = c;
                if (!running) {
                    c.close();
                    return;
                }
                Dispatcher dispatcher = c.createDispatcher(message -> inbound.message(message.getData()));
                subscriptions.forEach(dispatcher::subscribe);
                subscribed = true;
                c.flush(flushTimeout); // the server has our subscriptions before anyone is told we are here
                inbound.up();
                return; // from now on jnats reconnects and resubscribes by itself
            } catch (IOException | TimeoutException | RuntimeException e) {
                if (subscribed) {
                    return; // connected; only the flush failed, and jnats is on it
                }
                inbound.down(e);
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
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
        running = false;
        inbound = null;
        if (connector != null) {
            connector.interrupt();
            try {
                connector.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
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
