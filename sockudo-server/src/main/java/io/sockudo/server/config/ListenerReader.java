package io.sockudo.server.config;

import io.sockudo.transport.http.CorsPolicy;
import io.sockudo.transport.http.PathPrefix;
import io.sockudo.transport.tls.KeyMaterial;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads {@code ssl}, {@code cors}, {@code path_prefix} and {@code unix_socket}. What cannot be
 * honoured is refused here, so the launcher stops with the key named: TLS whose certificate or
 * key cannot be used, and a Unix socket.
 */
final class ListenerReader {

    /** sockudo's environment variables for these settings, for {@link EnvOverlay}. */
    static final List<EnvOverlay.Mapping> ENV = List.of(
            EnvOverlay.Mapping.of("SSL_ENABLED", "ssl", "enabled"),
            EnvOverlay.Mapping.of("SSL_CERT_PATH", "ssl", "cert_path"),
            EnvOverlay.Mapping.of("SSL_KEY_PATH", "ssl", "key_path"),
            EnvOverlay.Mapping.of("SSL_REDIRECT_HTTP", "ssl", "redirect_http"),
            EnvOverlay.Mapping.of("SSL_HTTP_PORT", "ssl", "http_port"),
            EnvOverlay.Mapping.of("CORS_ORIGINS", "cors", "origin"),
            EnvOverlay.Mapping.of("CORS_METHODS", "cors", "methods"),
            EnvOverlay.Mapping.of("CORS_HEADERS", "cors", "allowed_headers"),
            EnvOverlay.Mapping.of("CORS_CREDENTIALS", "cors", "credentials"),
            EnvOverlay.Mapping.of("UNIX_SOCKET_ENABLED", "unix_socket", "enabled"),
            EnvOverlay.Mapping.of("UNIX_SOCKET_PATH", "unix_socket", "path"),
            EnvOverlay.Mapping.of("UNIX_SOCKET_PERMISSION_MODE", "unix_socket", "permission_mode"));

    private static final Pattern PREFIX = Pattern.compile("/?([A-Za-z0-9._~!$&'()*+,;=:@-]+/?)*");

    private ListenerReader() {
    }

    static ListenerConfig read(ConfigNode root) {
        unixSocket(root.get("unix_socket"));
        return new ListenerConfig(tls(root.get("ssl")), cors(root.get("cors")), pathPrefix(root.get("path_prefix")));
    }

    private static String pathPrefix(ConfigNode n) {
        String p = n.string("/").trim();
        if (!PREFIX.matcher(p).matches()) {
            throw n.invalid("a path such as \"/\" or \"/pusher\"");
        }
        return PathPrefix.normalize(p);
    }

    private static TlsConfig tls(ConfigNode ssl) {
        boolean enabled = ssl.get("enabled").bool(false);
        ConfigNode cert = ssl.get("cert_path");
        ConfigNode key = ssl.get("key_path");
        ConfigNode passphrase = ssl.get("passphrase");
        boolean redirect = ssl.get("redirect_http").bool(false);
        int httpPort = ssl.get("http_port").integer(0, 65535, 80);
        if (!enabled) {
            // the paths of a disabled section are not looked at: sockudo's samples leave them empty
            cert.optionalString();
            key.optionalString();
            passphrase.optionalString();
            return new TlsConfig(false, null, null, null, redirect, httpPort);
        }
        Path certPath = Path.of(required(cert));
        Path keyPath = Path.of(required(key));
        String pass = passphrase.optionalString();
        try {
            KeyMaterial.read(certPath, keyPath, pass);
        } catch (IllegalArgumentException e) {
            throw ssl.get("enabled").problem("is true but the certificate cannot be used: " + e.getMessage());
        }
        return new TlsConfig(true, certPath, keyPath, pass, redirect, httpPort);
    }

    private static String required(ConfigNode n) {
        if (!n.isSet() || n.string("").isBlank()) {
            throw n.problem("is required when ssl.enabled is true");
        }
        return n.string("").trim();
    }

    private static CorsPolicy cors(ConfigNode cors) {
        CorsPolicy d = CorsPolicy.DEFAULTS;
        List<String> origins = list(cors.get("origin"), d.origins());
        if (origins.isEmpty()) {
            throw cors.get("origin").problem("must name at least one origin, or \"*\"");
        }
        return new CorsPolicy(origins,
                list(cors.get("methods"), d.methods()),
                list(cors.get("allowed_headers"), d.allowedHeaders()),
                cors.get("credentials").bool(d.credentials()));
    }

    /** An array of strings, or one comma-separated string (as the environment gives it). */
    private static List<String> list(ConfigNode n, List<String> fallback) {
        if (n.isText()) {
            List<String> out = new ArrayList<>();
            for (String part : n.string("").split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
            return List.copyOf(out);
        }
        return n.strings(fallback).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /**
     * XNIO, under Undertow, has no Unix-domain socket listener (its worker refuses to create
     * one), so a Unix socket cannot be served; starting on TCP alone would leave the proxy in
     * front of us talking to nothing.
     */
    private static void unixSocket(ConfigNode u) {
        ConfigNode enabled = u.get("enabled");
        u.get("path").optionalString();
        ConfigNode mode = u.get("permission_mode");
        if (mode.isSet() && !mode.isText()) {
            mode.integer(0, 7777, 0);
        }
        if (enabled.bool(false)) {
            throw enabled.problem("is true, but this server cannot listen on a Unix socket (its network layer, XNIO, "
                    + "has none); listen on host and port instead");
        }
    }
}
