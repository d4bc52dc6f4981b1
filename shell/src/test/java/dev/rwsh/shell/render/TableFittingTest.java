package dev.rwsh.shell.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Tables fitted to a terminal width: column widths, wrapping, the box, expanded mode. */
class TableFittingTest {
    private static final String LONG = "revision 205, 204 keys, etcd cluster 0, RisingWave cluster 910a2dec-8902-4cc1-beeb-8da1658eec67, "
            + "taken 2024-12-01T00:00:00Z";

    @Test
    void columnsKeepTheirWidthWhileTheTableFits() {
        assertArrayEquals(new int[] {4, 10, 3}, ColumnFitter.fit(new int[] {4, 10, 3}, 17));
        assertArrayEquals(new int[] {4, 10, 3}, ColumnFitter.fit(new int[] {4, 10, 3}, 0));
    }

    @Test
    void theWidestColumnsGiveUpSpaceFirst() {
        int[] fitted = ColumnFitter.fit(new int[] {4, 100, 3, 60}, 50);
        assertEquals(50, sum(fitted));
        assertEquals(4, fitted[0]);
        assertEquals(3, fitted[2]);
        assertTrue(Math.abs(fitted[1] - fitted[3]) <= 1, java.util.Arrays.toString(fitted));
    }

    @Test
    void tooNarrowGivesEveryColumnOneColumn() {
        assertArrayEquals(new int[] {1, 1, 1}, ColumnFitter.fit(new int[] {5, 5, 5}, 2));
    }

    @Test
    void wrappingBreaksAtSpacesAndHardInsideLongWordsAndDropsNothingElse() {
        assertEquals(List.of("hello", "world"), CellText.wrap("hello world", 5));
        assertEquals(List.of("a b ", "cdefg", "hij"), CellText.wrap("a b cdefghij", 5));
        assertEquals(List.of("{", "  \"id\": ", "1", "}"), CellText.wrap("{\n  \"id\": 1\n}", 8));
        List<String> wrapped = CellText.wrap(LONG, 20);
        wrapped.forEach(line -> assertTrue(CellText.width(line) <= 20, line));
        assertEquals(LONG.replace(" ", ""), String.join("", wrapped).replace(" ", ""));
    }

    @Test
    void widthsCountScreenColumns() {
        assertEquals(5, CellText.width("│  └─"));
        assertEquals(4, CellText.width("日本"));
        assertEquals("abc…", CellText.cut("abcdefgh", 4));
        assertEquals("abcd", CellText.cut("abcd", 4));
    }

    @Test
    void aWideTableFitsWithItsBoxIntact() {
        List<String> columns = List.of("target", "endpoint", "user", "server", "latency ms", "detail");
        List<List<Object>> rows = List.of(
                List.of("etcd", "backup scripts/sample/rw-v2.0.7-sample.rwshbak", "", "rwsh backup (read-only)", "", LONG),
                List.of("sql", "sqlite:///tmp/h300.db?mode=rwc", "", "sqlite 3.49.1", 78.9, "database /tmp/h300.db"));
        assertTrue(BoxTable.naturalWidth(columns, rows) > 200);
        for (int width : new int[] {80, 120, 200}) {
            List<String> lines = BoxTable.render(columns, rows, width);
            assertBoxWithin(lines, width);
            String all = String.join("\n", lines);
            // the full value is on screen, wrapped inside its column
            assertTrue(all.contains("910a2dec"), all);
            assertTrue(all.contains("cdc") || all.contains("taken"), all);
        }
    }

    @Test
    void aTableThatFitsIsDrawnAtItsNaturalWidth() {
        List<String> lines = BoxTable.render(List.of("a", "b"), List.of(List.of("1", "two")), 80);
        assertEquals(List.of("┌───┬─────┐", "│ a │ b   │", "├───┼─────┤", "│ 1 │ two │", "└───┴─────┘"), lines);
        assertEquals(BoxTable.render(List.of("a", "b"), List.of(List.of("1", "two")), 0), lines);
    }

    @Test
    void expandedShowsOneFieldPerLineWithinTheWidth() {
        List<String> columns = List.of("name", "detail");
        List<List<Object>> rows = List.of(List.of("etcd", LONG), List.of("sql", "database /tmp/x.db"));
        List<String> lines = ExpandedTable.render(columns, rows, 60);
        assertEquals("-[ RECORD 1 ]", lines.get(0).substring(0, 13));
        assertEquals("name   | etcd", lines.get(1));
        assertTrue(lines.get(2).startsWith("detail | revision 205"), lines.get(2));
        assertTrue(lines.get(3).startsWith("       | "), lines.get(3));
        assertTrue(lines.contains("name   | sql"), lines.toString());
        lines.forEach(line -> assertTrue(CellText.width(line) <= 60, line));
    }

    @Test
    void autoExpandsOnlyATableWiderThanTheTerminal() {
        TableLayout auto = new TableLayout(80, ExpandedMode.AUTO);
        assertTrue(auto.expands(81, 2));
        assertTrue(!auto.expands(80, 2));
        assertTrue(!auto.expands(200, 1));
        assertTrue(!new TableLayout(0, ExpandedMode.AUTO).expands(500, 3), "no terminal: never too wide");
        assertTrue(new TableLayout(0, ExpandedMode.ON).expands(10, 2));
    }

    @Test
    void lineOptionsAreTakenOffTheLine() {
        List<String> words = new ArrayList<>(List.of("status", "-x", "--no-pager", "--expanded"));
        LineDisplay display = LineDisplay.take(words, ExpandedMode.OFF, true);
        assertEquals(List.of("status"), words);
        assertEquals(new LineDisplay(ExpandedMode.ON, false), display);
        assertEquals(new LineDisplay(ExpandedMode.AUTO, true), LineDisplay.take(new ArrayList<>(List.of("keys")), ExpandedMode.AUTO, true));
    }

    @Test
    void screenLinesCountWrappedLines() {
        assertEquals(3, ScreenLines.count("a\nb\nc\n", 80));
        assertEquals(3, ScreenLines.count("x".repeat(81) + "\nb\n", 80));
        assertEquals(0, ScreenLines.count("", 80));
    }

    static void assertBoxWithin(List<String> lines, int width) {
        int first = CellText.width(lines.get(0));
        assertTrue(first <= width, "table " + first + " wide for " + width + ":\n" + String.join("\n", lines));
        for (String line : lines) {
            assertEquals(first, CellText.width(line), "ragged box:\n" + String.join("\n", lines));
            assertTrue("┌│├└".indexOf(line.charAt(0)) >= 0 && "┐│┤┘".indexOf(line.charAt(line.length() - 1)) >= 0, line);
        }
    }

    private static int sum(int[] values) {
        int s = 0;
        for (int v : values) {
            s += v;
        }
        return s;
    }
}
