package io.sockudo.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --name value} pairs, read once each; whatever is left unread at the end was misspelt,
 * and a benchmark run with a silently ignored option measures the wrong thing.
 */
public final class Args {

    private final Map<String, String> values = new LinkedHashMap<>();

    public Args(String[] argv) {
        for (int i = 0; i < argv.length; i++) {
            String a = argv[i];
            if (!a.startsWith("--") || a.length() == 2) {
                throw new IllegalArgumentException("expected --name value, got " + a);
            }
            String name = a.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < argv.length && !argv[i + 1].startsWith("--")) {
                value = argv[++i];
            } else {
                value = "true";
            }
            if (values.put(name, value) != null) {
                throw new IllegalArgumentException("--" + name + " given twice");
            }
        }
    }

    public String string(String name, String fallback) {
        String v = values.remove(name);
        return v == null ? fallback : v;
    }

    public int integer(String name, int fallback, int min, int max) {
        String v = values.remove(name);
        if (v == null) {
            return fallback;
        }
        int n;
        try {
            n = Integer.parseInt(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": not a number: " + v);
        }
        if (n < min || n > max) {
            throw new IllegalArgumentException("--" + name + " must be " + min + ".." + max + ", got " + n);
        }
        return n;
    }

    public double decimal(String name, double fallback, double min, double max) {
        String v = values.remove(name);
        if (v == null) {
            return fallback;
        }
        double d;
        try {
            d = Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": not a number: " + v);
        }
        if (!(d >= min && d <= max)) {
            throw new IllegalArgumentException("--" + name + " must be " + min + ".." + max + ", got " + v);
        }
        return d;
    }

    public boolean flag(String name) {
        String v = values.remove(name);
        if (v == null) {
            return false;
        }
        if (v.equals("true") || v.equals("false")) {
            return Boolean.parseBoolean(v);
        }
        throw new IllegalArgumentException("--" + name + " takes true or false, got " + v);
    }

    /** A comma-separated list of whole numbers, each within bounds. */
    public List<Integer> integers(String name, List<Integer> fallback, int min, int max) {
        String v = values.remove(name);
        if (v == null) {
            return fallback;
        }
        List<Integer> out = new ArrayList<>();
        for (String part : v.split(",")) {
            int n;
            try {
                n = Integer.parseInt(part.trim().replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + name + ": not a list of numbers: " + v);
            }
            if (n < min || n > max) {
                throw new IllegalArgumentException("--" + name + ": each value must be " + min + ".." + max + ", got " + n);
            }
            out.add(n);
        }
        return List.copyOf(out);
    }

    /** Fails on options nobody read. */
    public void requireAllUsed() {
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("unknown option(s): --" + String.join(", --", values.keySet()));
        }
    }
}
