package dev.rwsh.shell.input;

import org.jline.reader.ParsedLine;
import org.springframework.context.annotation.Primary;
import org.springframework.shell.jline.ExtendedDefaultParser;
import org.springframework.stereotype.Component;

/**
 * The one word splitter of every entry point (the interactive reader, {@code -c}, {@code -f}):
 * quotes group words, backslashes are literal, because keys are typed with {@code \xNN} escapes.
 * JLine's reader asks {@link #isEscapeChar(char)} on its own when a line is accepted and drops
 * every backslash it is told is an escape, so turning off the escape characters of the word
 * splitter alone is not enough. A word that starts with {@code #} starts a comment to the end of
 * the line, as in sh (so the README's annotated lines can be pasted).
 */
@Primary
@Component
public class LiteralBackslashParser extends ExtendedDefaultParser {

    public LiteralBackslashParser() {
        setEscapeChars(new char[0]);
    }

    @Override
    public boolean isEscapeChar(char ch) {
        return false;
    }

    @Override
    public ParsedLine parse(String line, int cursor, ParseContext context) {
        int comment = commentStart(line);
        if (comment < 0) {
            return super.parse(line, cursor, context);
        }
        return super.parse(line.substring(0, comment), Math.min(cursor, comment), context);
    }

    /** Where an unquoted word starting with '#' begins, or -1. */
    static int commentStart(String line) {
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
            } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
                return i;
            }
        }
        return -1;
    }
}
