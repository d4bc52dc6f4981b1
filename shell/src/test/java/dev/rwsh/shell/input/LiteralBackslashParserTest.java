package dev.rwsh.shell.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.Parser;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;

class LiteralBackslashParserTest {
    private static final String LINE = "get cf/catalog_table/\\x08\\x01 --hex";

    @Test
    void wordsKeepTheirBackslashesAndQuotesStillGroup() {
        Parser parser = new LiteralBackslashParser();
        assertEquals(List.of("get", "cf/catalog_table/\\x08\\x01", "--hex"),
                parser.parse(LINE, LINE.length(), Parser.ParseContext.ACCEPT_LINE).words());
        String quoted = "echo 'a b' \"c\\\\d\"";
        assertEquals(List.of("echo", "a b", "c\\\\d"), parser.parse(quoted, quoted.length(), Parser.ParseContext.ACCEPT_LINE).words()
                .stream().filter(w -> !w.isEmpty()).toList());
    }

    /** JLine's reader drops every character its parser calls an escape when it accepts a line. */
    @Test
    void theLineReaderReturnsTheLineAsTyped() throws Exception {
        ByteArrayInputStream in = new ByteArrayInputStream((LINE + "\n").getBytes(StandardCharsets.UTF_8));
        // a dumb terminal on the two streams (with a native provider, the builder would open a pty instead)
        try (Terminal terminal = new DumbTerminal(in, new ByteArrayOutputStream())) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).parser(new LiteralBackslashParser()).build();
            assertEquals(LINE, reader.readLine("> "));
        }
    }

    @Test
    void anUnquotedWordStartingWithHashStartsAComment() {
        Parser parser = new LiteralBackslashParser();
        String line = "tree --depth 2   # key counts, don't count";
        assertEquals(List.of("tree", "--depth", "2"), words(parser, line));
        assertEquals(List.of("echo", "a # b", "c#d"), words(parser, "echo 'a # b' c#d"));
        assertEquals(List.of(), words(parser, "# a whole-line comment"));
    }

    private static List<String> words(Parser parser, String line) {
        return parser.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words().stream().filter(w -> !w.isEmpty()).toList();
    }
}
