package io.sockudo.store.webhook;

import io.sockudo.adapter.app.App;
import io.sockudo.adapter.app.Webhook;
import io.sockudo.protocol.Signatures;
import io.sockudo.protocol.WebhookEvent;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The signed POST Pusher sends for a webhook: body, key, signature, and the endpoint's own headers. */
final class WebhookRequest {

    private static final System.Logger LOG = System.getLogger(WebhookRequest.class.getName());

    private WebhookRequest() {
    }

    /** The events of a batch this endpoint wants, in batch order; empty when none. */
    static List<WebhookEvent> wanted(Webhook webhook, List<WebhookEvent> events) {
        List<WebhookEvent> out = null;
        for (WebhookEvent e : events) {
            if (webhook.accepts(e.name(), e.channel())) {
                if (out == null) {
                    out = new ArrayList<>(events.size());
                }
                out.add(e);
            }
        }
        return out == null ? List.of() : out;
    }

    /**
     * Builds the request. Retries send the same instance, so a repeated delivery carries the same
     * {@code time_ms} and signature and a receiver can recognise it.
     *
     * @throws IllegalArgumentException when the URL is not an absolute http(s) URL or the secret is unusable
     */
    static HttpRequest of(App app, Webhook webhook, long timeMs, List<WebhookEvent> events, Duration timeout) {
        URI uri = URI.create(webhook.url());
        String scheme = uri.getScheme();
        if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
            throw new IllegalArgumentException("not an http(s) URL: " + webhook.url());
        }
        byte[] body = WebhookEvent.body(timeMs, events);
        String signature = Signatures.hmacSha256Hex(app.secret(), body);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (Map.Entry<String, String> h : webhook.headers().entrySet()) {
            try {
                b.header(h.getKey(), h.getValue());
            } catch (IllegalArgumentException e) {
                // Host, Connection, Content-Length and friends belong to the HTTP client
                LOG.log(System.Logger.Level.WARNING, "webhook header {0} for {1} not sent: {2}",
                        h.getKey(), webhook.url(), e.getMessage());
            }
        }
        // set last, so an endpoint's custom headers cannot replace what the receiver verifies
        return b.setHeader("Content-Type", "application/json")
                .setHeader("X-Pusher-Key", app.key())
                .setHeader("X-Pusher-Signature", signature)
                .build();
    }
}
