package io.sockudo.transport.websocket;

/**
 * Incremental UTF-8 validation of text messages (RFC 6455 §8.1: invalid text closes with 1007).
 * The bytes may arrive in any number of pieces, split anywhere, even inside a character: the
 * validator remembers an unfinished sequence and fails at the first byte that no valid text can
 * continue with, so a bad fragment is refused as soon as it arrives rather than when its message
 * ends. Rejects overlong forms, surrogates and code points above U+10FFFF. ASCII, by far the
 * common case, takes a one-comparison-per-byte path.
 */
final class Utf8Validator {

    /** Continuation bytes the current character still needs. */
    private int pending;
    /** Bounds of the next continuation byte, narrower than 0x80–0xBF right after some lead bytes. */
    private int lower = 0x80;
    private int upper = 0xBF;

    /** Whether the whole of {@code b[off, off + len)} is valid UTF-8. */
    static boolean isValid(byte[] b, int off, int len) {
        Utf8Validator v = new Utf8Validator();
        return v.accept(b, off, len) && v.isComplete();
    }

    /**
     * Takes the next bytes of the text; false when they cannot be part of valid UTF-8. A character
     * left unfinished at the end is not an error yet (see {@link #isComplete()}).
     */
    boolean accept(byte[] b, int off, int len) {
        int end = off + len;
        for (int i = off; i < end; i++) {
            int c = b[i];
            if (pending == 0) {
                if (c >= 0) {
                    continue;
                }
                if (!lead(c & 0xFF)) {
                    return false;
                }
            } else {
                c &= 0xFF;
                if (c < lower || c > upper) {
                    return false;
                }
                lower = 0x80;
                upper = 0xBF;
                pending--;
            }
        }
        return true;
    }

    private boolean lead(int c) {
        if (c < 0xC2) {
            return false; // a continuation byte first, or an overlong 2-byte form
        }
        if (c < 0xE0) {
            pending = 1;
        } else if (c < 0xF0) {
            pending = 2;
            lower = c == 0xE0 ? 0xA0 : 0x80; // overlong
            upper = c == 0xED ? 0x9F : 0xBF; // surrogates
        } else if (c < 0xF5) {
            pending = 3;
            lower = c == 0xF0 ? 0x90 : 0x80; // overlong
            upper = c == 0xF4 ? 0x8F : 0xBF; // above U+10FFFF
        } else {
            return false;
        }
        return true;
    }

    /** Whether the text taken so far ends on a character boundary. */
    boolean isComplete() {
        return pending == 0;
    }

    /** Starts a new text. */
    void reset() {
        pending = 0;
        lower = 0x80;
        upper = 0xBF;
    }
}
