package dev.rwsh.commands.sql;

import dev.rwsh.commands.sql.SqlEndpoint;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Masks credentials in free text that may quote a user's words: an error echoing an option or a
 * line, a driver's message, a stack trace. Word by word (a quoted value is one word, spaces and all): a URL's USER:PASSWORD (by its structure,
 * as {@link SqlEndpoint#mask} does), {@code password=VALUE}, the value of {@code --password}, and
 * the PASS of {@code --user USER:PASS} or {@code --etcd-user-password USER:PASS} (with a space or '=').
 */
public final class SecretText {
    public static final String MASK = SqlEndpoint.MASK;

    private SecretText() {
    }

    public static String mask(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        String previous = "";
        int i = 0;
        while (i < text.length()) {
            int start = i;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            out.append(text, start, i);
            start = i;
            i = wordEnd(text, i);
            if (start == i) {
                break;
            }
            String word = text.substring(start, i);
            out.append(maskWord(word, previous));
            previous = unquoted(word);
        }
        return out.toString();
    }

    /**
     * Where the word starting at {@code start} ends, as a shell splits words: a quote opening the
     * word or following '=' runs to its closing quote (or the end of the text), spaces included, so
     * a quoted password with a space is one word and masked whole. A quote inside a word (an
     * apostrophe, as in "can't") opens nothing.
     */
    private static int wordEnd(String text, int start) {
        int i = start;
        while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
            char c = text.charAt(i);
            if (isQuote(c) && (i == start || text.charAt(i - 1) == '=')) {
                int close = text.indexOf(c, i + 1);
                i = close < 0 ? text.length() : close + 1;
            } else {
                i++;
            }
        }
        return i;
    }

    private static String maskWord(String word, String previous) {
        String bare = unquoted(word);
        String lowerPrevious = previous.toLowerCase(Locale.ROOT);
        if (lowerPrevious.equals("--password") || lowerPrevious.equals("--etcd-password")) {
            return requote(word, MASK);
        }
        if ((lowerPrevious.equals("--user") || lowerPrevious.equals("--etcd-user-password")) && bare.indexOf(':') >= 0) {
            return requote(word, bare.substring(0, bare.indexOf(':') + 1) + MASK);
        }
        String lower = bare.toLowerCase(Locale.ROOT);
        for (String option : new String[] {"--password=", "--etcd-password="}) {
            if (lower.startsWith(option)) {
                return requote(word, bare.substring(0, option.length()) + MASK);
            }
        }
        for (String option : new String[] {"--user=", "--etcd-user-password="}) {
            int colon = bare.indexOf(':');
            if (lower.startsWith(option) && colon >= 0) {
                return requote(word, bare.substring(0, colon + 1) + MASK);
            }
        }
        int url = word.indexOf("://");
        if (url >= 0) {
            int schemeStart = url;
            while (schemeStart > 0 && isSchemeChar(word.charAt(schemeStart - 1))) {
                schemeStart--;
            }
            return word.substring(0, schemeStart) + SqlEndpoint.mask(word.substring(schemeStart));
        }
        int password = word.toLowerCase(Locale.ROOT).indexOf("password=");
        if (password >= 0) {
            int valueStart = password + "password=".length();
            int amp = word.indexOf('&', valueStart);
            return word.substring(0, valueStart) + MASK + (amp < 0 ? closingQuote(word) : word.substring(amp));
        }
        return word;
    }

    private static boolean isSchemeChar(char c) {
        return Character.isLetterOrDigit(c) || c == '+' || c == '.' || c == '-' || c == ':';
    }

    /** The word without one pair of surrounding quotes (or a leading one, as in an echoed unclosed quote). */
    private static String unquoted(String word) {
        String w = word;
        if (!w.isEmpty() && isQuote(w.charAt(0))) {
            w = w.substring(1);
            if (!w.isEmpty() && w.charAt(w.length() - 1) == word.charAt(0)) {
                w = w.substring(0, w.length() - 1);
            }
        }
        return w;
    }

    private static boolean isQuote(char c) {
        return c == '\'' || c == '"' || c == '`';
    }

    private static String requote(String word, String replacement) {
        if (!word.isEmpty() && isQuote(word.charAt(0))) {
            return word.charAt(0) + replacement + closingQuote(word);
        }
        return replacement;
    }

    private static String closingQuote(String word) {
        return word.length() > 1 && isQuote(word.charAt(0)) && word.charAt(word.length() - 1) == word.charAt(0) ? String.valueOf(word.charAt(0)) : "";
    }

    /**
     * A copy of {@code error} and its causes and suppressed exceptions whose messages are masked,
     * with the same stack traces, for keeping (the {@code stacktrace} command prints it). Each
     * copy prints as the original's class name and masked message.
     */
    public static Throwable mask(Throwable error) {
        return error == null ? null : copy(error, new IdentityHashMap<>());
    }

    private static Throwable copy(Throwable t, Map<Throwable, Throwable> done) {
        Throwable seen = done.get(t);
        if (seen != null) {
            return seen;
        }
        Masked copy = new Masked(t.getClass().getName(), mask(t.getMessage()));
        done.put(t, copy);
        copy.setStackTrace(t.getStackTrace());
        if (t.getCause() != null && t.getCause() != t) {
            copy.initCause(copy(t.getCause(), done));
        }
        for (Throwable s : t.getSuppressed()) {
            copy.addSuppressed(copy(s, done));
        }
        return copy;
    }

    /** A masked stand-in for an exception of another class. */
    static final class Masked extends RuntimeException {
        private final String originalClass;

        Masked(String originalClass, String message) {
            super(message);
            this.originalClass = originalClass;
        }

        public String originalClass() {
            return originalClass;
        }

        @Override
        public String toString() {
            String message = getMessage();
            return message == null ? originalClass : originalClass + ": " + message;
        }
    }
}
