package io.sockudo.bench.load;

import java.nio.charset.StandardCharsets;

/**
 * Reads the server's answer to the upgrade request where it landed, at the start of the read
 * array: complete or not, a valid {@code 101} with our accept key or not, and where the first
 * frame after it begins.
 */
final class UpgradeAnswer {

    /** The headers have not all arrived yet. */
    static final int INCOMPLETE = -1;
    /** No end of headers within {@link #MAX_LENGTH} bytes. */
    static final int TOO_LONG = -2;
    /** Not a 101, or not for our key: {@link #statusLine} says what it was. */
    static final int REFUSED = -3;

    static final int MAX_LENGTH = 8192;
    private static final byte[] HEADER_END = FrameScanner.ascii("\r\n\r\n");
    private static final byte[] CRLF = FrameScanner.ascii("\r\n");
    private static final byte[] STATUS_101 = FrameScanner.ascii("HTTP/1.1 101");
    private static final byte[] ACCEPT = FrameScanner.ascii(ClientFrames.ACCEPT);

    private UpgradeAnswer() {
    }

    /** Where frames start after the answer in {@code b[0, end)}, or one of the negative outcomes. */
    static int read(byte[] b, int end) {
        int headerEnd = FrameScanner.indexOf(b, 0, end, HEADER_END);
        if (headerEnd < 0) {
            return end >= MAX_LENGTH ? TOO_LONG : INCOMPLETE;
        }
        if (FrameScanner.indexOf(b, 0, STATUS_101.length, STATUS_101) != 0
                || FrameScanner.indexOf(b, 0, headerEnd, ACCEPT) < 0) {
            return REFUSED;
        }
        return headerEnd + HEADER_END.length;
    }

    /** The first line of a refused answer, for the failure report. */
    static String statusLine(byte[] b, int end) {
        int headerEnd = FrameScanner.indexOf(b, 0, end, HEADER_END);
        int lineEnd = FrameScanner.indexOf(b, 0, headerEnd + 2, CRLF);
        return new String(b, 0, Math.max(0, lineEnd), StandardCharsets.ISO_8859_1);
    }
}
