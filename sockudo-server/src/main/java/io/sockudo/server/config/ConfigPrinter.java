package io.sockudo.server.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The effective configuration as JSON ({@code --print-config}): every value of the
 * {@link ServerConfig} records, field names in snake case, durations in ISO-8601
 * ({@code PT2M}). Secrets are masked by name, so a setting added later is masked too when its
 * name says what it is: any field whose name contains {@code secret}, {@code password},
 * {@code passphrase} or {@code token} prints as {@code "***"}.
 */
public final class ConfigPrinter {

    static final String MASK = "***";
    private static final Pattern SECRET = Pattern.compile("secret|password|passphrase|token");
    private static final Pattern CAMEL = Pattern.compile("(?<=[a-z0-9])(?=[A-Z])");

    private ConfigPrinter() {
    }

    public static String toJson(ServerConfig config) {
        return toJson((Object) config);
    }

    /** Any value, records and collections included; for the tests of sections not in ServerConfig yet. */
    static String toJson(Object config) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            write(g, config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static void write(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (v instanceof Duration || v instanceof CharSequence || v instanceof Enum<?>) {
            g.writeString(v.toString());
        } else if (v instanceof Optional<?> o) {
            write(g, o.orElse(null));
        } else if (v instanceof Collection<?> c) {
            g.writeStartArray();
            for (Object e : c) {
                write(g, e);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                write(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v.getClass().isRecord()) {
            g.writeStartObject();
            for (RecordComponent c : v.getClass().getRecordComponents()) {
                String name = CAMEL.matcher(c.getName()).replaceAll("_").toLowerCase(Locale.ROOT);
                g.writeFieldName(name);
                Object value = value(c, v);
                if (value != null && SECRET.matcher(name).find()) {
                    g.writeString(MASK);
                } else {
                    write(g, value);
                }
            }
            g.writeEndObject();
        } else {
            g.writeString(v.toString());
        }
    }

    private static Object value(RecordComponent c, Object record) {
        try {
            java.lang.reflect.Method accessor = c.getAccessor();
            // records nested in a package-private class of another module are still settings to print
            accessor.trySetAccessible();
            return accessor.invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            return "(not readable: " + e.getClass().getSimpleName() + ")";
        }
    }
}
