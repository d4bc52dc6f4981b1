package dev.rwsh.commands.diff;

/**
 * A cheap way to a JSON value's canonical text (what {@link DiffValues#json} makes with Jackson: compact,
 * object keys sorted as strings) for the texts that need no reordering: one scan that checks the
 * text is JSON whose object keys are already sorted and unique, and drops the whitespace between tokens
 * (PostgreSQL's jsonb and MySQL's JSON return {@code [1, 2]}). It answers only where its result is
 * certainly Jackson's (integers, {@code true}/{@code false}/{@code null}, strings of printable ASCII
 * without escapes) and gives up on anything else (numbers with a fraction or an exponent, escapes,
 * other characters, unsorted keys, invalid text), which then goes through Jackson. Migrate writes
 * most JSON columns in this form (id lists, maps with sorted keys), so most values never build a tree.
 */
final class CanonicalJson {
    /** Deeper nesting goes through Jackson (this scan recurses). */
    private static final int MAX_DEPTH = 64;
    /** Longer texts and integers go through Jackson, whose read limits then decide (below any version's). */
    private static final int MAX_TEXT = 1_000_000;
    private static final int MAX_DIGITS = 18;

    private final String in;
    private final StringBuilder out;
    private int at;

    private CanonicalJson(String in) {
        this.in = in;
        this.out = new StringBuilder(in.length());
    }

    /** The canonical text of {@code text}, or null when this scan cannot tell it (Jackson can). */
    static String of(String text) {
        if (text.length() > MAX_TEXT) {
            return null;
        }
        CanonicalJson s = new CanonicalJson(text);
        try {
            s.space();
            if (!s.value(0)) {
                return null;
            }
            s.space();
            if (s.at != text.length()) {
                return null;
            }
        } catch (IndexOutOfBoundsException e) {
            return null; // the text ended inside a value
        }
        return s.out.length() == text.length() ? text : s.out.toString();
    }

    private boolean value(int depth) {
        char c = in.charAt(at);
        if (c == '{') {
            return depth < MAX_DEPTH && object(depth + 1);
        }
        if (c == '[') {
            return depth < MAX_DEPTH && array(depth + 1);
        }
        if (c == '"') {
            return string() >= 0;
        }
        if (c == '-' || c >= '0' && c <= '9') {
            return integer();
        }
        return literal("true") || literal("false") || literal("null");
    }

    private boolean object(int depth) {
        out.append('{');
        at++;
        space();
        if (in.charAt(at) == '}') {
            at++;
            out.append('}');
            return true;
        }
        int previousKeyAt = -1;
        int previousKeyLength = 0;
        while (true) {
            if (in.charAt(at) != '"') {
                return false;
            }
            int keyAt = at + 1;
            int keyLength = string();
            if (keyLength < 0 || previousKeyAt >= 0 && compare(previousKeyAt, previousKeyLength, keyAt, keyLength) >= 0) {
                return false; // unsorted or repeated keys: Jackson sorts them
            }
            previousKeyAt = keyAt;
            previousKeyLength = keyLength;
            space();
            if (in.charAt(at) != ':') {
                return false;
            }
            at++;
            out.append(':');
            space();
            if (!value(depth)) {
                return false;
            }
            space();
            char c = in.charAt(at++);
            out.append(c);
            if (c == '}') {
                return true;
            }
            if (c != ',') {
                return false;
            }
            space();
        }
    }

    private boolean array(int depth) {
        out.append('[');
        at++;
        space();
        if (in.charAt(at) == ']') {
            at++;
            out.append(']');
            return true;
        }
        while (true) {
            if (!value(depth)) {
                return false;
            }
            space();
            char c = in.charAt(at++);
            out.append(c);
            if (c == ']') {
                return true;
            }
            if (c != ',') {
                return false;
            }
            space();
        }
    }

    /** A string of printable ASCII without escapes (as Jackson writes it again); its length, or -1. */
    private int string() {
        int start = ++at;
        char c;
        while ((c = in.charAt(at)) != '"') {
            if (c < 0x20 || c > 0x7e || c == '\\') {
                return -1;
            }
            at++;
        }
        at++;
        out.append(in, start - 1, at);
        return at - 1 - start;
    }

    /** An integer as Jackson writes it again: no leading zeros, no "-0", no fraction or exponent. */
    private boolean integer() {
        int start = at;
        if (in.charAt(at) == '-') {
            at++;
        }
        char first = in.charAt(at);
        if (first < '0' || first > '9') {
            return false;
        }
        at++;
        while (at < in.length() && in.charAt(at) >= '0' && in.charAt(at) <= '9') {
            at++;
        }
        if (at - start > MAX_DIGITS) {
            return false;
        }
        if (first == '0' && at - start != 1) {
            return false; // "-0" and "01": Jackson writes "0", or refuses
        }
        if (at < in.length()) {
            char next = in.charAt(at);
            if (next == '.' || next == 'e' || next == 'E') {
                return false;
            }
        }
        out.append(in, start, at);
        return true;
    }

    private boolean literal(String word) {
        if (!in.startsWith(word, at)) {
            return false;
        }
        int end = at + word.length();
        if (end < in.length() && Character.isLetterOrDigit(in.charAt(end))) {
            return false;
        }
        at = end;
        out.append(word);
        return true;
    }

    /** JSON's insignificant whitespace. */
    private void space() {
        while (at < in.length()) {
            char c = in.charAt(at);
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return;
            }
            at++;
        }
    }

    /** Two keys of the text as {@link String#compareTo} orders them (printable ASCII: by char). */
    private int compare(int a, int aLength, int b, int bLength) {
        int n = Math.min(aLength, bLength);
        for (int i = 0; i < n; i++) {
            int d = in.charAt(a + i) - in.charAt(b + i);
            if (d != 0) {
                return d;
            }
        }
        return aLength - bLength;
    }
}
