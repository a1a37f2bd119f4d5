package io.sockudo.adapter.cluster;

import java.util.List;
import java.util.Objects;

/**
 * sockudo's {@code adapter.nats}. Credentials are null when not used.
 *
 * @param servers {@code nats://host:port} URLs ({@code NATS_SERVERS})
 */
public record NatsSettings(List<String> servers, String prefix, long requestTimeoutMs, String username,
                           String password, String token, long connectionTimeoutMs) {

    public static final NatsSettings DEFAULTS = new NatsSettings(List.of("nats://localhost:4222"),
            AdapterSettings.DEFAULT_PREFIX, 5_000, null, null, null, 5_000);

    public NatsSettings {
        servers = List.copyOf(servers);
        Objects.requireNonNull(prefix, "prefix");
    }

    public NatsSettings withServers(List<String> servers) {
        return new NatsSettings(servers, prefix, requestTimeoutMs, username, password, token, connectionTimeoutMs);
    }
}
