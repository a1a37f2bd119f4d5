package io.sockudo.adapter.cluster.nats;

import io.nats.client.Options;
import io.sockudo.adapter.cluster.NatsSettings;
import io.sockudo.adapter.cluster.Subjects;
import io.sockudo.adapter.cluster.Transport;
import java.time.Duration;

/** The transport over NATS, from sockudo's settings. */
public final class NatsDriver {

    private static final Duration RECONNECT_WAIT = Duration.ofMillis(250);
    /** How often the connection is pinged; jnats gives up on it after two unanswered pings. */
    public static final Duration KEEPALIVE = Duration.ofSeconds(5);

    private NatsDriver() {
    }

    /** NATS at {@code settings.servers()}; nothing is connected until the transport starts. */
    public static Transport transport(NatsSettings settings) {
        return transport(settings, KEEPALIVE);
    }

    /** NATS with another keepalive interval than {@link #KEEPALIVE}. */
    public static Transport transport(NatsSettings settings, Duration keepalive) {
        if (settings.servers().isEmpty()) {
            throw new IllegalArgumentException("adapter.nats.servers (NATS_SERVERS) names no server");
        }
        Options.Builder options = new Options.Builder()
                .servers(settings.servers().toArray(String[]::new))
                .noEcho()
                .maxReconnects(-1) // a node never gives up on its cluster
                .reconnectWait(RECONNECT_WAIT)
                .pingInterval(keepalive)
                .connectionTimeout(Duration.ofMillis(settings.connectionTimeoutMs()))
                .connectionName("sockudo-backbone");
        if (settings.token() != null) {
            options.token(settings.token().toCharArray());
        } else if (settings.username() != null) {
            options.userInfo(settings.username(), settings.password() == null ? "" : settings.password());
        }
        return new NatsTransport(options, Subjects.nats(settings.prefix()), Duration.ofMillis(settings.connectionTimeoutMs()));
    }
}
