package io.sockudo.transport.websocket;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Feeds bytes to a {@link FrameDecoder} and records what comes out, copying every lent payload.
 * The input is copied before it is fed, since the decoder unmasks in place.
 */
final class DecodedEvents implements FrameListener {

    /** One event; {@code code} is the close code of a close or an error, 0 otherwise. */
    record Event(String kind, byte[] payload, int code) {

        static Event text(String s) {
            return new Event("text", s.getBytes(StandardCharsets.UTF_8), 0);
        }

        static Event binary(byte[] b) {
            return new Event("binary", b, 0);
        }

        static Event ping(byte[] b) {
            return new Event("ping", b, 0);
        }

        static Event pong(byte[] b) {
            return new Event("pong", b, 0);
        }

        static Event close(int code, String reason) {
            return new Event("close", reason.getBytes(StandardCharsets.UTF_8), code);
        }

        static Event error(int code) {
            return new Event("error", new byte[0], code);
        }

        boolean isTerminal() {
            return kind.equals("close") || kind.equals("error");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Event e && kind.equals(e.kind) && code == e.code && Arrays.equals(payload, e.payload);
        }

        @Override
        public int hashCode() {
            return kind.hashCode() * 31 + Arrays.hashCode(payload) + code;
        }

        @Override
        public String toString() {
            return kind + (code != 0 ? " " + code : "") + " "
                    + (kind.equals("binary") ? payload.length + " bytes" : new String(payload, StandardCharsets.UTF_8));
        }
    }

    final List<Event> events = new ArrayList<>();
    /** The reason given with a protocol error, for the test's messages. */
    String lastReason;
    private final FrameDecoder decoder;

    DecodedEvents(int maxMessageBytes) {
        decoder = new FrameDecoder(maxMessageBytes, this);
    }

    /** A decoder with permessage-deflate agreed. */
    DecodedEvents(int maxMessageBytes, MessageInflater inflater) {
        decoder = new FrameDecoder(maxMessageBytes, Long.MAX_VALUE, this, inflater);
    }

    /** Decodes a whole stream given in one piece. */
    static List<Event> of(int maxMessageBytes, byte[] stream) {
        DecodedEvents d = new DecodedEvents(maxMessageBytes);
        d.feed(stream);
        return d.events;
    }

    /** Decodes a stream split into random pieces, of sizes from 1 byte to all of it. */
    static List<Event> split(int maxMessageBytes, byte[] stream, Random random) {
        DecodedEvents d = new DecodedEvents(maxMessageBytes);
        int p = 0;
        while (p < stream.length) {
            int n = 1 + random.nextInt(random.nextBoolean() ? Math.min(8, stream.length - p) : stream.length - p);
            d.feed(stream, p, n);
            p += n;
        }
        return d.events;
    }

    DecodedEvents feed(byte[] bytes) {
        return feed(bytes, 0, bytes.length);
    }

    DecodedEvents feed(byte[] bytes, int off, int len) {
        // at an offset inside a larger array, to catch reads outside the given range
        byte[] copy = new byte[len + 16];
        System.arraycopy(bytes, off, copy, 7, len);
        decoder.feed(copy, 7, len);
        return this;
    }

    boolean stopped() {
        return decoder.isStopped();
    }

    @Override
    public void onText(byte[] buf, int off, int len) {
        events.add(new Event("text", Arrays.copyOfRange(buf, off, off + len), 0));
    }

    @Override
    public void onBinary(byte[] buf, int off, int len) {
        events.add(Event.binary(Arrays.copyOfRange(buf, off, off + len)));
    }

    @Override
    public void onPing(byte[] buf, int off, int len) {
        events.add(Event.ping(Arrays.copyOfRange(buf, off, off + len)));
    }

    @Override
    public void onPong(byte[] buf, int off, int len) {
        events.add(Event.pong(Arrays.copyOfRange(buf, off, off + len)));
    }

    @Override
    public void onClose(int code, String reason) {
        events.add(Event.close(code, reason));
    }

    @Override
    public void onProtocolError(int closeCode, String reason) {
        lastReason = reason;
        events.add(Event.error(closeCode));
    }
}
