package io.sockudo.server.config;

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
 * Reads an app's {@code webhooks}: {@code {url, event_types, filter{channel_prefix,
 * channel_suffix, channel_pattern}, headers}}. AWS Lambda targets are reported as not supported
 * yet and left out.
 */
final class WebhookReader {

    private WebhookReader() {
    }

    static List<Webhook> read(ConfigNode webhooks) {
        List<Webhook> out = new ArrayList<>();
        for (ConfigNode w : webhooks.elements()) {
            if (!w.isObject()) {
                throw w.invalid("an object with url and event_types");
            }
            if (!w.has("url") && (w.has("lambda") || w.has("lambda_function"))) {
                w.unsupported("AWS Lambda webhook");
                continue;
            }
            out.add(webhook(w));
        }
        return List.copyOf(out);
    }

    private static Webhook webhook(ConfigNode w) {
        ConfigNode urlNode = w.get("url");
        String url = urlNode.requiredString();
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
                throw urlNode.invalid("an http or https URL");
            }
        } catch (URISyntaxException e) {
            throw urlNode.invalid("an http or https URL");
        }

        ConfigNode types = w.get("event_types");
        if (!types.isSet()) {
            throw types.problem("is required (for example [\"channel_occupied\", \"channel_vacated\"])");
        }
        ConfigNode filter = w.get("filter");
        ConfigNode patternNode = filter.get("channel_pattern");
        Pattern pattern = null;
        if (patternNode.isSet()) {
            try {
                pattern = Pattern.compile(patternNode.string(""));
            } catch (PatternSyntaxException e) {
                throw patternNode.invalid("a regular expression (" + e.getDescription() + ")");
            }
        }
        Map<String, String> headers = new LinkedHashMap<>();
        w.get("headers").entries().forEach((name, value) -> headers.put(name, value.requiredString()));
        return new Webhook(url, new LinkedHashSet<>(types.strings(List.of())),
                filter.get("channel_prefix").optionalString(),
                filter.get("channel_suffix").optionalString(),
                pattern,
                headers);
    }
}
