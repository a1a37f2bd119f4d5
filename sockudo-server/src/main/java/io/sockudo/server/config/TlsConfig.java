package io.sockudo.server.config;

import java.nio.file.Path;

/**
 * TLS on the client port ({@code ssl.*}).
 *
 * @param enabled      serve {@code wss://} and {@code https://} instead of plain text ({@code ssl.enabled}, false)
 * @param certPath     PEM certificate chain, leaf first ({@code ssl.cert_path}); null when disabled
 * @param keyPath      PEM private key ({@code ssl.key_path}); null when disabled
 * @param passphrase   the key's passphrase when it is encrypted ({@code ssl.passphrase}), or null
 * @param redirectHttp also listen on {@link #httpPort} and redirect it to {@code https://} ({@code ssl.redirect_http}, false)
 * @param httpPort     the plain port of the redirect ({@code ssl.http_port}, 80)
 */
public record TlsConfig(boolean enabled, Path certPath, Path keyPath, String passphrase, boolean redirectHttp, int httpPort) {

    public static final TlsConfig OFF = new TlsConfig(false, null, null, null, false, 80);

    /** Never prints the passphrase. */
    @Override
    public String toString() {
        return "TlsConfig[enabled=" + enabled + ", certPath=" + certPath + ", keyPath=" + keyPath
                + ", passphrase=" + (passphrase == null ? "null" : "***") + ", redirectHttp=" + redirectHttp
                + ", httpPort=" + httpPort + "]";
    }
}
