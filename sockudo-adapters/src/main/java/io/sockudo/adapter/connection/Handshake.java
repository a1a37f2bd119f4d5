package io.sockudo.adapter.connection;

/**
 * What the client said when it opened the WebSocket: {@code GET /app/{key}?protocol=7&client=js&version=8.4.0}.
 *
 * @param appKey        the key from the path
 * @param protocol      the {@code protocol} query parameter, or null
 * @param origin        the {@code Origin} header, or null
 * @param remoteAddress the peer, for logs and rate limits
 */
public record Handshake(String appKey, String protocol, String origin, String remoteAddress) {
}
