package io.sockudo.protocol;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * One event of the HTTP API ({@code POST /apps/{id}/events}, or an item of
 * {@code batch_events}), as the Pusher server SDKs send it.
 *
 * @param name     the event name
 * @param data     the payload as a string (Pusher requires a string; an object is kept as its JSON text)
 * @param channels the target channels ({@code channels}, or the single {@code channel})
 * @param socketId the socket to leave out, or null
 * @param info     the comma-separated attributes to return ({@code user_count}, {@code subscription_count}), or null
 * @param tags     the publisher's tags ({@code {"k":"v"}}) as raw JSON, or null
 * @param delta    the per-publish delta compression switch, or null when not given
 */
public record ApiEvent(String name, String data, List<String> channels, String socketId, String info, RawJson tags, Boolean delta) {

    public ApiEvent {
        channels = List.copyOf(channels);
    }

    /** Why a body was refused; the HTTP API answers 400 with the message. */
    public static final class InvalidBody extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public InvalidBody(String message) {
            super(message, null, false, false);
        }
    }

    /** Parses the body of {@code POST /events}. */
    public static ApiEvent parse(byte[] body) {
        try (JsonParser p = Json.parser(body, 0, body.length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidBody("The body must be a JSON object");
            }
            ApiEvent e = readEvent(p, body, "");
            if (p.nextToken() != null) {
                throw new InvalidBody("Trailing data after the JSON object");
            }
            return e;
        } catch (JsonParseException e) {
            throw new InvalidBody("Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidBody("Malformed JSON");
        }
    }

    /** Parses the body of {@code POST /batch_events}: {@code {"batch":[event, ...]}}. */
    public static List<ApiEvent> parseBatch(byte[] body) {
        try (JsonParser p = Json.parser(body, 0, body.length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new InvalidBody("The body must be a JSON object");
            }
            List<ApiEvent> batch = null;
            JsonToken t;
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken v = p.nextToken();
                if (field.equals("batch")) {
                    if (v != JsonToken.START_ARRAY) {
                        throw new InvalidBody("batch must be an array of events");
                    }
                    batch = new ArrayList<>();
                    while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (v != JsonToken.START_OBJECT) {
                            throw new InvalidBody("batch[" + batch.size() + "] must be an object");
                        }
                        batch.add(readEvent(p, body, "batch[" + batch.size() + "]."));
                    }
                } else {
                    p.skipChildren();
                }
            }
            if (t != JsonToken.END_OBJECT || p.nextToken() != null) {
                throw new InvalidBody("The body must be one JSON object");
            }
            if (batch == null) {
                throw new InvalidBody("batch is required");
            }
            return batch;
        } catch (JsonParseException e) {
            throw new InvalidBody("Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidBody("Malformed JSON");
        }
    }

    /** Reads the fields of an event object; the parser is on its START_OBJECT and ends on its END_OBJECT. */
    private static ApiEvent readEvent(JsonParser p, byte[] body, String where) throws IOException {
        String name = null;
        String data = null;
        List<String> channels = null;
        String channel = null;
        String socketId = null;
        String info = null;
        RawJson tags = null;
        Boolean delta = null;
        JsonToken t;
        while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken v = p.nextToken();
            switch (field) {
                case "name" -> name = string(p, v, where + "name");
                case "data" -> {
                    if (v == JsonToken.VALUE_STRING) {
                        data = p.getText();
                    } else if (v != JsonToken.VALUE_NULL) {
                        data = RawJson.capture(p, body, 0).json();
                    }
                }
                case "channel" -> channel = string(p, v, where + "channel");
                case "channels" -> {
                    if (v == JsonToken.VALUE_NULL) {
                        break;
                    }
                    if (v != JsonToken.START_ARRAY) {
                        throw new InvalidBody(where + "channels must be an array of strings");
                    }
                    channels = new ArrayList<>();
                    while ((v = p.nextToken()) != JsonToken.END_ARRAY) {
                        if (v != JsonToken.VALUE_STRING) {
                            throw new InvalidBody(where + "channels must be an array of strings");
                        }
                        channels.add(p.getText());
                    }
                }
                case "socket_id" -> socketId = string(p, v, where + "socket_id");
                case "info" -> info = string(p, v, where + "info");
                case "tags" -> {
                    if (v == JsonToken.START_OBJECT) {
                        tags = RawJson.capture(p, body, 0);
                    } else if (v != JsonToken.VALUE_NULL) {
                        throw new InvalidBody(where + "tags must be an object of strings");
                    }
                }
                case "delta" -> {
                    if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
                        delta = v == JsonToken.VALUE_TRUE;
                    } else if (v != JsonToken.VALUE_NULL) {
                        throw new InvalidBody(where + "delta must be true or false");
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (t != JsonToken.END_OBJECT) {
            throw new InvalidBody("Malformed event object");
        }
        if (name == null || name.isEmpty()) {
            throw new InvalidBody(where + "name is required");
        }
        if (data == null) {
            throw new InvalidBody(where + "data is required");
        }
        List<String> targets;
        if (channels != null && channel != null) {
            throw new InvalidBody(where + "give either channel or channels, not both");
        } else if (channels != null) {
            targets = channels;
        } else if (channel != null) {
            targets = List.of(channel);
        } else {
            throw new InvalidBody(where + "channel or channels is required");
        }
        if (targets.isEmpty()) {
            throw new InvalidBody(where + "channels must not be empty");
        }
        return new ApiEvent(name, data, targets, socketId, info, tags, delta);
    }

    private static String string(JsonParser p, JsonToken v, String field) throws IOException {
        if (v == JsonToken.VALUE_NULL) {
            return null;
        }
        if (v != JsonToken.VALUE_STRING) {
            throw new InvalidBody(field + " must be a string");
        }
        return p.getText();
    }

    /** Whether {@code info} asks for an attribute. */
    public boolean wants(String attribute) {
        return wants(info, attribute);
    }

    public static boolean wants(String info, String attribute) {
        if (info == null) {
            return false;
        }
        for (String a : info.split(",")) {
            if (a.trim().equals(attribute)) {
                return true;
            }
        }
        return false;
    }
}
