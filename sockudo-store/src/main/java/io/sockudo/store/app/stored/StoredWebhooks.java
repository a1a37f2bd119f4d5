package io.sockudo.store.app.stored;

import io.sockudo.adapter.app.Webhook;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads an app's {@code webhooks}: {@code [{url, event_types, filter{channel_prefix,
 * channel_suffix, channel_pattern}, headers}]}. AWS Lambda targets are not supported yet: they
 * are left out with a log line, the app's other endpoints still apply.
 */
final class StoredWebhooks {

    private static final System.Logger LOG = System.getLogger(StoredWebhooks.class.getName());

    private StoredWebhooks() {
    }

    static List<Webhook> read(String appId, List<Fields> webhooks) {
        List<Webhook> out = new ArrayList<>();
        for (Fields w : webhooks) {
            if (w.text("url") == null && (w.entries().containsKey("lambda") || w.entries().containsKey("lambda_function"))) {
                LOG.log(System.Logger.Level.WARNING, "app ''{0}'': AWS Lambda webhooks are not supported; that webhook is left out", appId);
                continue;
            }
            out.add(webhook(w));
        }
        return out;
    }

    private static Webhook webhook(Fields w) {
        String url = w.text("url");
        if (url == null || !httpUrl(url)) {
            throw w.bad("url", "an http or https URL");
        }
        List<String> types = w.strings("event_types");
        if (types == null) {
            throw w.bad("event_types", "an array of event types");
        }
        Fields filter = w.object("filter");
        String pattern = filter.text("channel_pattern");
        Pattern compiled = null;
        if (pattern != null) {
            try {
                compiled = Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw filter.bad("channel_pattern", "a regular expression (" + e.getDescription() + ")");
            }
        }
        Fields headerFields = w.object("headers");
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : headerFields.entries().keySet()) {
            String value = headerFields.text(name);
            if (value == null) {
                throw headerFields.bad(name, "a string");
            }
            headers.put(name, value);
        }
        return new Webhook(url, new LinkedHashSet<>(types), filter.text("channel_prefix"), filter.text("channel_suffix"),
                compiled, headers);
    }

    private static boolean httpUrl(String url) {
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
