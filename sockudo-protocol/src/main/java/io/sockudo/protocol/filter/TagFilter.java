package io.sockudo.protocol.filter;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * A subscriber's filter, compiled: which messages on a channel a subscription receives.
 * Immutable and safe to share between threads; parse it once when the client subscribes and
 * call {@link #matches} per message.
 *
 * <h2>Wire form</h2>
 * Sent as {@code data.filter} (or {@code data.tags_filter}) in {@code pusher:subscribe}, either
 * a node or a compound:
 * <pre>
 *   leaf      {"key":K,"cmp":C,"val":V}        C one of eq neq ex nex sw ew ct gt gte lt lte
 *             {"key":K,"cmp":"in"|"nin","vals":[V,...]}       (ex and nex need no val)
 *   group     {"op":"and"|"or","nodes":[node,...]}   {"op":"not","nodes":[node]}
 *   compound  {"tags":node,"events":["name",...]}    either part may be left out, not both
 * </pre>
 * V is a JSON string, number or boolean; a number stands for the decimal text it is written
 * with, so {@code 100} and {@code "100"} are the same. String comparisons are exact and
 * case-sensitive. When a message lacks the tag a leaf tests, {@code neq}, {@code nin} and
 * {@code nex} hold and the other comparisons do not; a message without tags is tested against
 * {@link Tags#EMPTY}, so those three can match it. {@code gt gte lt lte} read both sides as
 * numbers in the grammar of Rust's {@code f64::from_str} (sign, digits, fraction, exponent, or
 * {@code inf}/{@code infinity}/{@code nan}; no hex, suffixes or spaces), as sockudo does; a side
 * that is not a number, or NaN, makes them false.
 *
 * <h2>Refusals</h2>
 * Parsing throws {@link FilterException} rather than dropping or reinterpreting anything: on a
 * wrong JSON type, an unknown {@code op} or {@code cmp}, a missing or empty {@code key}, a
 * missing or empty {@code val} (except for {@code ex}/{@code nex}) or {@code vals} (for
 * {@code in}/{@code nin}), a {@code not} without exactly one node, an {@code and}/{@code or}
 * without nodes, a node with both {@code op} and leaf fields, a repeated field, an
 * {@code expression}, or a limit exceeded: 128 nodes, depth 16, key 256 bytes, value 1024 bytes,
 * 128 values per node, 50 event names of at most 200 characters. JSON {@code null} counts as
 * an absent field; fields the protocol does not define are ignored.
 */
public final class TagFilter {

    /**
     * Filters are shallow, so nesting is bounded tightly against hostile unknown fields. A number
     * operand may be as long as any other value, which is more than Jackson allows by default.
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxNumberLength(FilterLimits.MAX_VALUE_BYTES + 1)
                    .build())
            .build();

    /** Event names the message must have; null for any. */
    private final ValueSet events;
    /** What the message's tags must satisfy; null for anything. */
    private final FilterNode tags;
    private final int hash;

    TagFilter(ValueSet events, FilterNode tags) {
        this.events = events;
        this.tags = tags;
        this.hash = Objects.hash(events, tags);
    }

    /** Parses a complete JSON document that is one filter. */
    public static TagFilter parse(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            return parseDocument(p);
        } catch (IOException e) {
            throw invalidJson(e);
        }
    }

    /** Parses {@code len} bytes of UTF-8 JSON at {@code off}: one complete filter document. */
    public static TagFilter parse(byte[] json, int off, int len) {
        try (JsonParser p = JSON.createParser(json, off, len)) {
            return parseDocument(p);
        } catch (IOException e) {
            throw invalidJson(e);
        }
    }

    /**
     * Reads the filter value the parser is at: its {@code START_OBJECT} is the current token, or
     * the parser is just before it (no current token, or the field name). On return the current
     * token is the filter's {@code END_OBJECT}. After a {@link FilterException} the parser is
     * somewhere inside the value and should be abandoned. A JSON {@code null} is refused like
     * any other non-object: a caller that reads {@code "filter":null} as "no filter" checks for it
     * first.
     *
     * @throws FilterException when the filter is refused
     * @throws IOException when the parser fails, for example on malformed JSON
     */
    public static TagFilter parse(JsonParser p) throws IOException {
        return FilterReader.read(p);
    }

    private static TagFilter parseDocument(JsonParser p) throws IOException {
        TagFilter filter = FilterReader.read(p);
        if (p.nextToken() != null) {
            throw new FilterException("filter: unexpected content after the filter");
        }
        return filter;
    }

    private static RuntimeException invalidJson(IOException e) {
        if (!(e instanceof JsonProcessingException jpe)) {
            // An in-memory parser reads nothing from outside, so this cannot happen.
            return new UncheckedIOException(e);
        }
        String reason = Objects.requireNonNullElse(jpe.getOriginalMessage(), "unreadable");
        // Jackson appends where an unclosed object began, naming a redacted source; where the
        // parser stopped says more and fits on the line.
        int marker = reason.indexOf(" (start marker at");
        if (marker >= 0) {
            reason = reason.substring(0, marker);
        }
        reason = reason.replaceAll("\\s+", " ").trim();
        JsonLocation at = jpe.getLocation();
        if (at != null && at.getLineNr() > 0) {
            reason += " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        }
        return new FilterException("filter: invalid JSON: " + reason);
    }

    /**
     * Whether a message with this event name and these tags passes the filter. Pass
     * {@link Tags#EMPTY} for a message without tags. Allocates nothing.
     */
    public boolean matches(String eventName, Tags tags) {
        if (events != null && (eventName == null || !events.contains(eventName))) {
            return false;
        }
        return this.tags == null || this.tags.matches(tags);
    }

    /**
     * The pairs to file this subscription under in an inverted index, computed on each call; see
     * {@link IndexKeys} for the guarantee. A filter on event names alone is not indexable.
     */
    public IndexKeys indexKeys() {
        return tags == null ? IndexKeys.NOT_INDEXABLE : tags.indexKeys();
    }

    /**
     * Writes the normalized form: values as strings, {@code vals} and event names sorted and
     * deduplicated, a compound with only {@code tags} written as its node. It parses back to an
     * equal filter.
     */
    public void writeJson(JsonGenerator g) throws IOException {
        if (events == null) {
            tags.writeJson(g);
            return;
        }
        g.writeStartObject();
        if (tags != null) {
            g.writeFieldName("tags");
            tags.writeJson(g);
        }
        g.writeFieldName("events");
        events.writeJson(g);
        g.writeEndObject();
    }

    /** {@link #writeJson} as a string. */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            writeJson(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /** Filters are equal when their normalized forms are. */
    @Override
    public boolean equals(Object o) {
        return o instanceof TagFilter other
                && hash == other.hash
                && Objects.equals(events, other.events)
                && Objects.equals(tags, other.tags);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    @Override
    public String toString() {
        return toJson();
    }
}
