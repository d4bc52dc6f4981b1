package dev.rwsh.shell.input;

import org.springframework.context.annotation.Primary;
import org.springframework.shell.jline.ExtendedDefaultParser;
import org.springframework.stereotype.Component;

/**
 * The one word splitter of every entry point (the interactive reader, {@code -c}, {@code -f}):
 * quotes group words, backslashes are literal, because keys are typed with {@code \xNN} escapes.
 * JLine's reader asks {@link #isEscapeChar(char)} on its own when a line is accepted and drops
 * every backslash it is told is an escape, so turning off the escape characters of the word
 * splitter alone is not enough.
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
}
