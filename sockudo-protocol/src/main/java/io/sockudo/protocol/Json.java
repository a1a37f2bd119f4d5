package io.sockudo.protocol;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The shared, thread-safe Jackson factory and small helpers around it. */
public final class Json {

    /**
     * Nesting is bounded well below Jackson's default so that a hostile frame cannot make the
     * parser recurse deeply; Pusher payloads are shallow.
     */
    public static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(128).build())
            .build();

    private Json() {
    }

    /** Writes one JSON value with a generator and returns its UTF-8 bytes. */
    public static byte[] write(JsonWriter writer) {
        try (ByteArrayBuilder out = new ByteArrayBuilder(FACTORY._getBufferRecycler(), 256);
             JsonGenerator g = FACTORY.createGenerator(out)) {
            writer.write(g);
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Body of {@link #write}. */
    @FunctionalInterface
    public interface JsonWriter {
        void write(JsonGenerator g) throws IOException;
    }

    public static JsonParser parser(byte[] bytes, int off, int len) throws IOException {
        return FACTORY.createParser(bytes, off, len);
    }

    public static JsonParser parser(String json) throws IOException {
        return FACTORY.createParser(json);
    }

    /** The JSON string literal of {@code s}, quotes included. */
    public static String quote(String s) {
        return new String(write(g -> g.writeString(s)), java.nio.charset.StandardCharsets.UTF_8);
    }
}
