package io.sockudo.adapter.cluster.nats;

import io.nats.client.Options;
import io.sockudo.adapter.cluster.NatsSettings;
import io.sockudo.adapter.cluster.Subjects;
import io.sockudo.adapter.cluster.Transport;
import java.time.Duration;

/** The transport over NATS, from sockudo's settings. */
public final class NatsDriver {

    private static final Duration RECONNECT_WAIT = Duration.ofMillis(250);

    private NatsDriver() {
    }

    /** NATS at {@code settings.servers()}; nothing is connected until the transport starts. */
    public static Transport transport(NatsSettings settings) {
        if (settings.servers().isEmpty()) {
            throw new IllegalArgumentException("adapter.nats.servers (NATS_SERVERS) names no server");
        }
        Options.Builder options = new Options.Builder()
                .servers(settings.servers().toArray(String[]::new))
                .noEcho()
                .maxReconnects(-1) // a node never gives up on its cluster
                .reconnectWait(RECONNECT_WAIT)
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
