package dev.rwsh.commands.sql;

import dev.rwsh.commands.RwshException;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The first of two guards for {@code sql query}: lets through exactly one statement that starts
 * with a reading keyword. The second guard is the server itself: the statement runs in a
 * transaction the server keeps read-only (see {@link SqlDialect#beginReadOnly}). This one exists
 * because some statements end or escape such a transaction (COMMIT; DDL on MySQL commits
 * implicitly; a second statement after a semicolon would run outside it).
 */
public final class ReadOnlyQuery {
    private ReadOnlyQuery() {
    }

    /** Returns the statement without a trailing semicolon, or throws a usage error saying why it is refused. */
    public static String validate(String sql, SqlDialect dialect) {
        if (sql == null || sql.isBlank()) {
            throw RwshException.usage("sql query needs a statement, e.g. sql query \"SELECT * FROM worker\"");
        }
        String code = strip(sql, dialect.backend());
        String trimmed = code.strip();
        while (trimmed.endsWith(";")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1).strip();
        }
        if (trimmed.indexOf(';') >= 0) {
            throw RwshException.usage("sql query runs one statement at a time: remove everything after the first ';'");
        }
        String first = firstKeyword(trimmed);
        if (first.isEmpty()) {
            throw RwshException.usage("sql query needs a statement, e.g. sql query \"SELECT * FROM worker\"");
        }
        if (!dialect.readOnlyKeywords().contains(first)) {
            throw RwshException.usage("sql query only reads: '" + first + "' is refused (allowed: "
                    + String.join(", ", new TreeSet<>(dialect.readOnlyKeywords())) + "); change the store through rwsh's other commands");
        }
        String reason = dialect.refuseReadOnly(first, trimmed);
        if (reason != null) {
            throw RwshException.usage("sql query only reads: " + reason);
        }
        // Cut the trailing semicolons from the original text (comments and literals included).
        String out = sql.strip();
        while (out.endsWith(";")) {
            out = out.substring(0, out.length() - 1).strip();
        }
        return out;
    }

    private static String firstKeyword(String code) {
        int i = 0;
        while (i < code.length() && (code.charAt(i) == '(' || Character.isWhitespace(code.charAt(i)))) {
            i++;
        }
        int start = i;
        while (i < code.length() && Character.isLetter(code.charAt(i))) {
            i++;
        }
        return code.substring(start, i).toUpperCase(Locale.ROOT);
    }

    /**
     * The statement with comments removed and the insides of string literals and quoted
     * identifiers blanked, so that a ';' or keyword inside them is not taken for code.
     */
    static String strip(String sql, SqlBackend backend) {
        StringBuilder out = new StringBuilder(sql.length());
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char ch = sql.charAt(i);
            char next = i + 1 < n ? sql.charAt(i + 1) : '\0';
            if (ch == '-' && next == '-' || ch == '#' && backend == SqlBackend.MYSQL) {
                while (i < n && sql.charAt(i) != '\n') {
                    i++;
                }
                out.append(' ');
            } else if (ch == '/' && next == '*') {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? n : end + 2;
                out.append(' ');
            } else if (ch == '\'' || ch == '"' || ch == '`') {
                int j = i + 1;
                while (j < n) {
                    char c = sql.charAt(j);
                    if (c == '\\' && backend == SqlBackend.MYSQL && ch != '`') {
                        j += 2;
                        continue;
                    }
                    if (c == ch) {
                        if (j + 1 < n && sql.charAt(j + 1) == ch) {
                            j += 2;
                            continue;
                        }
                        break;
                    }
                    j++;
                }
                out.append(ch).append(ch);
                i = Math.min(n, j + 1);
            } else if (ch == '$' && backend == SqlBackend.POSTGRES) {
                // dollar quoting: $$...$$ or $tag$...$tag$
                int tagEnd = i + 1;
                while (tagEnd < n && (Character.isLetterOrDigit(sql.charAt(tagEnd)) || sql.charAt(tagEnd) == '_')) {
                    tagEnd++;
                }
                if (tagEnd < n && sql.charAt(tagEnd) == '$' && (tagEnd == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
                    String tag = sql.substring(i, tagEnd + 1);
                    int end = sql.indexOf(tag, tagEnd + 1);
                    i = end < 0 ? n : end + tag.length();
                    out.append("''");
                } else {
                    out.append(ch);
                    i++;
                }
            } else {
                out.append(ch);
                i++;
            }
        }
        return out.toString();
    }
}
