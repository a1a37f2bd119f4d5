package io.sockudo.protocol.filter;

import java.util.Comparator;

/**
 * UTF-8 facts about Java strings without encoding them. Limits are stated in UTF-8 bytes and
 * tag keys are sorted in UTF-8 byte order, because that is what other implementations of the
 * protocol see on the wire.
 */
final class Utf8 {

    /** Orders strings as their UTF-8 encodings compare byte by byte (that is, by code point). */
    static final Comparator<String> ORDER = Utf8::compare;

    private Utf8() {
    }

    /**
     * UTF-8 byte order. {@link String#compareTo} orders by UTF-16 code unit, which puts
     * supplementary characters (surrogate pairs) before U+E000..U+FFFF; moving the surrogates
     * above that range restores code point order, which is UTF-8 byte order.
     */
    static int compare(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return codePointRank(x) - codePointRank(y);
            }
        }
        return a.length() - b.length();
    }

    private static int codePointRank(char c) {
        if (c < 0xD800) {
            return c;
        }
        return c >= 0xE000 ? c - 0x800 : c + 0x2000;
    }

    /** Number of bytes in the UTF-8 encoding of {@code s}; a lone surrogate counts as 3. */
    static int encodedLength(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isHighSurrogate(c) && i + 1 < n
                        && Character.isLowSurrogate(s.charAt(i + 1))) {
                    // A pair is two chars and four bytes.
                    bytes += 2;
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }
}
