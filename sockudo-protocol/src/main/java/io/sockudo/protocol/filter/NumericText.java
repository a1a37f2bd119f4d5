package io.sockudo.protocol.filter;

/**
 * Reads a tag value or a filter value as a number for {@code gt gte lt lte}.
 *
 * <p>The grammar is the one sockudo's filters use (Rust's {@code f64::from_str}), so that the
 * same filter selects the same messages on both servers:
 * <pre>
 *   [+-]? ( inf | infinity | nan | Digits ( '.' Digits? )? Exp? | '.' Digits Exp? )
 *   Exp = [eE] [+-]? Digits            (inf, infinity and nan in any ASCII case)
 * </pre>
 * {@link Double#parseDouble} alone would be wrong: it also takes hexadecimal floats, {@code d}
 * and {@code f} suffixes and surrounding whitespace, none of which is a number here.
 */
final class NumericText {

    private NumericText() {
    }

    /**
     * The value of {@code s}, or NaN when it is not a number. NaN is also what {@code "nan"}
     * reads as; every ordered comparison with NaN is false, which is exactly the rule for a
     * value that does not parse, so callers need not tell the two apart.
     */
    static double toDouble(String s) {
        int start = signLength(s);
        int rest = s.length() - start;
        if (rest == 3 && asciiLowerEquals(s, start, "inf")
                || rest == 8 && asciiLowerEquals(s, start, "infinity")) {
            return s.charAt(0) == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!isDecimal(s, start)) {
            return Double.NaN;
        }
        // The grammar above is a subset of Java's decimal grammar, and both round correctly,
        // so from here the JDK gives the same double.
        return Double.parseDouble(s);
    }

    /** Whether {@code s} is a number in the grammar above, NaN spellings included. */
    static boolean isNumber(String s) {
        int start = signLength(s);
        int rest = s.length() - start;
        return rest == 3 && (asciiLowerEquals(s, start, "inf") || asciiLowerEquals(s, start, "nan"))
                || rest == 8 && asciiLowerEquals(s, start, "infinity")
                || isDecimal(s, start);
    }

    private static int signLength(String s) {
        return !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-') ? 1 : 0;
    }

    private static boolean isDecimal(String s, int i) {
        int n = s.length();
        int intDigits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            intDigits++;
        }
        int fracDigits = 0;
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                fracDigits++;
            }
        }
        if (intDigits + fracDigits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int expDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                expDigits++;
            }
            if (expDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /**
     * ASCII-only case folding: {@link String#regionMatches(boolean, int, String, int, int)}
     * folds Unicode too and would accept a dotless i in "\u0131nf".
     */
    private static boolean asciiLowerEquals(String s, int from, String lower) {
        for (int i = 0; i < lower.length(); i++) {
            // Bit 0x20 maps 'A'..'Z' onto 'a'..'z'; nothing else lands on a lowercase letter.
            if ((s.charAt(from + i) | 0x20) != lower.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
