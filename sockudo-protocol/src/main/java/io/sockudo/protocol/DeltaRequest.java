package io.sockudo.protocol;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a client asks of delta compression: the algorithms it can decode
 * ({@code pusher:enable_delta_compression}), or one subscription's setting (the {@code delta}
 * field of {@code pusher:subscribe}).
 *
 * @param enabled   true or false when the client said so; null when it left it to the server
 * @param algorithm {@code fossil} or {@code xdelta3} when the client named one, else null
 */
public record DeltaRequest(Boolean enabled, String algorithm) {

    public static final String FOSSIL = "fossil";
    public static final String XDELTA3 = "xdelta3";

    /** The canonical wire name of an algorithm name, case-insensitive; null when unknown. */
    public static String algorithmName(String name) {
        if (name == null) {
            return null;
        }
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "fossil" -> FOSSIL;
            case "xdelta3", "vcdiff" -> XDELTA3;
            default -> null;
        };
    }

    /**
     * Reads a subscription's {@code delta}: {@code true}/{@code false}, {@code "fossil"},
     * {@code "xdelta3"}/{@code "vcdiff"}, {@code "disabled"}/{@code "false"}/{@code "none"},
     * {@code "true"}/{@code "enabled"}, or {@code {"enabled":bool,"algorithm":name}}.
     *
     * @throws ProtocolException 4000 for anything else, rather than guessing
     */
    public static DeltaRequest ofSubscription(RawJson delta) {
        try (JsonParser p = Json.parser(delta.json())) {
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE) {
                return new DeltaRequest(t == JsonToken.VALUE_TRUE, null);
            }
            if (t == JsonToken.VALUE_STRING) {
                String v = p.getText().toLowerCase(Locale.ROOT);
                switch (v) {
                    case "disabled", "false", "none", "off" -> {
                        return new DeltaRequest(false, null);
                    }
                    case "true", "enabled", "on" -> {
                        return new DeltaRequest(true, null);
                    }
                    default -> {
                        String algorithm = algorithmName(v);
                        if (algorithm == null) {
                            throw invalid("unknown delta algorithm \"" + p.getText() + "\" (use fossil or xdelta3)");
                        }
                        return new DeltaRequest(true, algorithm);
                    }
                }
            }
            if (t == JsonToken.START_OBJECT) {
                Boolean enabled = null;
                String algorithm = null;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    JsonToken v = p.nextToken();
                    if (field.equals("enabled")) {
                        if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
                            throw invalid("delta.enabled must be true or false");
                        }
                        enabled = v == JsonToken.VALUE_TRUE;
                    } else if (field.equals("algorithm")) {
                        if (v != JsonToken.VALUE_STRING || algorithmName(p.getText()) == null) {
                            throw invalid("delta.algorithm must be fossil or xdelta3");
                        }
                        algorithm = algorithmName(p.getText());
                    } else {
                        p.skipChildren();
                    }
                }
                return new DeltaRequest(enabled == null ? Boolean.TRUE : enabled, algorithm);
            }
            throw invalid("delta must be true, false, an algorithm name or {enabled, algorithm}");
        } catch (IOException e) {
            throw invalid("delta is malformed JSON");
        }
    }

    /**
     * The algorithms named in {@code pusher:enable_delta_compression}'s {@code {"algorithms":[...]}},
     * in the client's order, each once: known ones by their canonical name, others lower-cased as
     * written (so that "named only algorithms the server lacks" differs from "named none"); empty
     * when none.
     */
    public static List<String> algorithmsOf(ClientMessage message) {
        List<String> out = new ArrayList<>();
        RawJson data = message.data();
        if (data == null || data.isNull() || !(data.isObject() || data.isString())) {
            return out;
        }
        byte[] json = data.payloadBytes();
        try (JsonParser p = Json.parser(json, 0, json.length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return out;
            }
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("algorithms") && v == JsonToken.START_ARRAY) {
                    while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (v == JsonToken.VALUE_STRING) {
                            String named = p.getText();
                            String a = algorithmName(named);
                            if (a == null) {
                                a = named.toLowerCase(Locale.ROOT);
                            }
                            if (!out.contains(a)) {
                                out.add(a);
                            }
                        } else {
                            p.skipChildren();
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw invalid("delta compression request is malformed JSON");
        }
        return out;
    }

    /** The channel named by {@code pusher:delta_sync_error}'s {@code data.channel}. */
    public static String syncErrorChannel(ClientMessage message) {
        return DataFields.of(message.data(), PusherEvents.DELTA_SYNC_ERROR).requiredString("channel");
    }

    private static ProtocolException invalid(String why) {
        return new ProtocolException(PusherError.invalidMessage(why));
    }
}
