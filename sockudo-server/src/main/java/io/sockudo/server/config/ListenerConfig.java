package io.sockudo.server.config;

import io.sockudo.transport.http.CorsPolicy;
import java.util.Objects;

/**
 * How clients reach the server: TLS, CORS and the path every route is under.
 *
 * @param tls        {@code ssl.*}
 * @param cors       {@code cors.*}
 * @param pathPrefix {@code path_prefix}: {@code ""} for the root, else a path such as {@code /ws}
 */
public record ListenerConfig(TlsConfig tls, CorsPolicy cors, String pathPrefix) {

    public static final ListenerConfig DEFAULTS = new ListenerConfig(TlsConfig.OFF, CorsPolicy.DEFAULTS, "");

    public ListenerConfig {
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(cors, "cors");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
    }
}
