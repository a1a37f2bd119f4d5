package io.sockudo.server.config;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${VAR}} and {@code ${VAR:-default}} in a config file's text with environment
 * values before the JSON is read, as sockudo does. The value goes in as it is, so write
 * {@code "${APP_SECRET}"} for a string and {@code ${PORT:-6001}} (or {@code "${PORT:-6001}"}) for
 * a number. An empty variable counts as unset.
 */
final class EnvSubstitution {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private EnvSubstitution() {
    }

    static String apply(String text, Map<String, String> env, String origin) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        Set<String> missing = new LinkedHashSet<>();
        while (m.find()) {
            String value = env.get(m.group(1));
            if (value == null || value.isEmpty()) {
                value = m.group(2);
            }
            if (value == null) {
                missing.add(m.group(1));
                value = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        if (!missing.isEmpty()) {
            throw new ConfigException(origin + ": " + (missing.size() == 1 ? "environment variable " : "environment variables ")
                    + String.join(", ", missing) + " must be set (or give a default: ${NAME:-default})");
        }
        return out.toString();
    }
}
