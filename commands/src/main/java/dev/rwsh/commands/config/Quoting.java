package dev.rwsh.commands.config;

import java.nio.charset.StandardCharsets;

/** Escaping for each place a value lands: URL parts, POSIX shell words, YAML and TOML strings. */
final class Quoting {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private Quoting() {
    }

    /**
     * Percent-encodes every byte outside RFC 3986's unreserved set. sqlx percent-decodes the user
     * and password of a URL, so this round-trips any text, '%' included.
     */
    static String userinfo(String s) {
        return percent(s, "");
    }

    /** A query parameter's name or value: as {@link #userinfo} but keeping '/', ':' and ',' readable. */
    static String queryPart(String s) {
        return percent(s, "/:,");
    }

    private static String percent(String s, String keep) {
        StringBuilder out = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || keep.indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xf]);
            }
        }
        return out.toString();
    }

    /** A SQLite file name as sqlx reads it: it splits at the first '?', then percent-decodes the name ('#' is encoded too: harmless, and safe in a URL). */
    static String sqlitePath(String path) {
        return path.replace("%", "%25").replace("?", "%3F").replace("#", "%23");
    }

    /** A POSIX shell word in single quotes; a quote inside becomes '\''. */
    static String shell(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    /** A YAML double-quoted scalar. */
    static String yaml(String s) {
        return "\"" + escapeDoubleQuoted(s) + "\"";
    }

    /** A TOML basic string. */
    static String toml(String s) {
        return "\"" + escapeDoubleQuoted(s) + "\"";
    }

    private static String escapeDoubleQuoted(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '"' -> out.append("\\\"");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '\r' -> out.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\u%04X", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
