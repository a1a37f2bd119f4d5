package io.sockudo.testkit.ws;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.ProtocolException;

/**
 * Reads the headers of the frames a server sends (RFC 6455 §5.2), where they lie: in a buffer
 * that holds any number of frames ({@link #frame}), or one by one from a stream
 * ({@link #readHeader}). The reader keeps the last header in its fields instead of returning a
 * new object, so a load generator can scan millions of frames without allocating; one reader
 * therefore belongs to one thread.
 */
public final class ServerFrameReader {

    /** The buffer ends before the frame does. */
    public static final int INCOMPLETE = -1;
    /** The frame is masked, which a server must never do (§5.1). */
    public static final int MASKED = -2;
    /** The payload is longer than this reader accepts (or than 2^63 - 1, a 1002 in §5.2). */
    public static final int TOO_LONG = -3;

    private final long maxPayload;
    private final byte[] scratch = new byte[10];
    private boolean fin;
    private int rsv;
    private int opcode;
    private long payloadLength;
    private int headerLength;

    /** A reader that refuses frames with more than {@code maxPayload} bytes of payload. */
    public ServerFrameReader(long maxPayload) {
        this.maxPayload = maxPayload;
    }

    /**
     * Reads the header at {@code b[p]}, looking no further than {@code end}. Returns the header's
     * length, or {@link #INCOMPLETE}, {@link #MASKED} or {@link #TOO_LONG}; the accessors
     * describe the frame once it returned a length.
     */
    public int header(byte[] b, int p, int end) {
        if (end - p < 2) {
            return INCOMPLETE;
        }
        int b0 = b[p] & 0xFF;
        int b1 = b[p + 1] & 0xFF;
        if ((b1 & 0x80) != 0) {
            return MASKED;
        }
        int n = headerLength(b1);
        if (end - p < n) {
            return INCOMPLETE;
        }
        long len = b1 & 0x7F;
        if (n == 4) {
            len = ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
        } else if (n == 10) {
            len = 0;
            for (int i = 0; i < 8; i++) {
                len = (len << 8) | (b[p + 2 + i] & 0xFF);
            }
        }
        if (len < 0 || len > maxPayload) {
            return TOO_LONG;
        }
        fin = (b0 & 0x80) != 0;
        rsv = (b0 >>> 4) & 7;
        opcode = b0 & 0x0F;
        payloadLength = len;
        headerLength = n;
        return n;
    }

    /**
     * Reads the frame at {@code b[p]}: returns where it ends (its payload starts at {@code p +
     * }{@link #headerLength()}), or {@link #INCOMPLETE}, {@link #MASKED} or {@link #TOO_LONG}.
     */
    public int frame(byte[] b, int p, int end) {
        int n = header(b, p, end);
        if (n < 0) {
            return n;
        }
        long frameEnd = p + n + payloadLength;
        return frameEnd > end ? INCOMPLETE : (int) frameEnd;
    }

    /**
     * Reads the rest of a header from a stream whose first byte was {@code b0}; the payload is
     * next in the stream, {@link #payloadLength()} bytes.
     *
     * @throws EOFException when the stream ends inside the header
     * @throws ProtocolException when the frame is masked or too long
     */
    public void readHeader(int b0, InputStream in) throws IOException {
        scratch[0] = (byte) b0;
        scratch[1] = (byte) readByte(in);
        int n = headerLength(scratch[1] & 0xFF);
        if (in.readNBytes(scratch, 2, n - 2) != n - 2) {
            throw new EOFException("the connection ended inside a frame header");
        }
        int result = header(scratch, 0, n);
        if (result < 0) {
            throw new ProtocolException(problem(result));
        }
    }

    /** The length of a header whose second byte is {@code b1}: 2, 4 or 10 (§5.2). */
    public static int headerLength(int b1) {
        int len = b1 & 0x7F;
        return len < 126 ? 2 : len == 126 ? 4 : 10;
    }

    /** What a negative result of {@link #header} or {@link #frame} means, for messages. */
    public String problem(int result) {
        return switch (result) {
            case INCOMPLETE -> "an incomplete frame";
            case MASKED -> "a masked server frame";
            case TOO_LONG -> "a frame longer than " + maxPayload + " bytes";
            default -> "no problem (" + result + ")";
        };
    }

    public boolean fin() {
        return fin;
    }

    public int rsv() {
        return rsv;
    }

    public int opcode() {
        return opcode;
    }

    /** The payload's length; an int, as no reader accepts more than fits in an array. */
    public int payloadLength() {
        return (int) payloadLength;
    }

    public int headerLength() {
        return headerLength;
    }

    private static int readByte(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the connection ended inside a frame header");
        }
        return b;
    }
}
