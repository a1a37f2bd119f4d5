package io.sockudo.adapter.connection;

/**
 * How a transport frames a text message on the wire. The engine frames each message once, so
 * the per-recipient cost of a broadcast is only the write.
 */
public interface WireFormat {

    /** Plain payload bytes: for tests and transports that frame on their own. */
    WireFormat RAW = new WireFormat() {
        @Override
        public int headerLength(int payloadLength) {
            return 0;
        }

        @Override
        public void writeHeader(byte[] out, int payloadLength) {
        }
    };

    /** Bytes of framing before a payload of this length. */
    int headerLength(int payloadLength);

    /** Writes the header into {@code out[0 .. headerLength(payloadLength))}. */
    void writeHeader(byte[] out, int payloadLength);

    /** Frames a payload. */
    default Frame frame(byte[] payload) {
        return frame(payload, 0, payload.length);
    }

    default Frame frame(byte[] payload, int off, int len) {
        int h = headerLength(len);
        byte[] wire = new byte[h + len];
        writeHeader(wire, len);
        System.arraycopy(payload, off, wire, h, len);
        return new Frame(wire, h);
    }
}
