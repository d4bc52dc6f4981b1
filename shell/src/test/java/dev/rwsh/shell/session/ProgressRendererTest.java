package dev.rwsh.shell.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.migrate.StepStats;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressRendererTest {
    private final StringWriter text = new StringWriter();
    private final AtomicLong now = new AtomicLong();

    private ProgressRenderer renderer(boolean bars, int width) {
        return new ProgressRenderer(new PrintWriter(text), bars, () -> width, now::get);
    }

    @Test
    void aBarWithAKnownTotalShowsDoneTotalRateAndEta() {
        ProgressRenderer p = renderer(true, 200);
        p.stepStarted("relation objects", 1000);
        now.set(2_000_000_000L);
        p.progress("relation objects", 250);
        String last = lastDrawing();
        assertTrue(last.contains("25% [") && last.contains("250/1000 rows"), last);
        assertTrue(last.contains("125 rows/s") && last.contains("ETA 0:06"), last);
    }

    @Test
    void aBarNeverWrapsAndIsErasedWhenTheCommandEnds() {
        ProgressRenderer p = renderer(true, 30);
        p.begin("backup save", 10, "keys");
        now.set(1_000_000_000L);
        p.advance(5);
        for (String drawing : text.toString().split("\r")) {
            assertTrue(drawing.length() <= 29, "'" + drawing + "' is wider than the terminal");
        }
        p.close();
        String all = text.toString();
        assertTrue(all.endsWith("\r"), "the bar must be erased: " + all);
        assertTrue(all.substring(all.lastIndexOf('\r', all.length() - 2)).isBlank(), all);
        assertFalse(text.toString().contains("\n"), "a bar prints no line of its own: " + text);
    }

    @Test
    void redrawsAreThrottled() {
        ProgressRenderer p = renderer(true, 120);
        p.begin("backup verify", 1_000_000, "keys");
        int before = text.toString().split("\r").length;
        for (int i = 0; i < 1000; i++) {
            p.advance(1); // the clock does not move: no redraw
        }
        assertEquals(before, text.toString().split("\r").length);
    }

    @Test
    void withoutATerminalEachFinishedStepIsOnePlainLine() {
        ProgressRenderer p = renderer(false, 80);
        p.stepStarted("workers", 3);
        p.progress("workers", 2);
        p.stepFinished(new StepStats("workers", 3, 4, 0, 0, 500_000_000L));
        p.begin("backup save", 10, "keys");
        p.advance(10);
        now.set(1_000_000_000L);
        p.end();
        p.stepStarted("interrupted step", 10);
        p.close();
        String[] lines = text.toString().split("\n");
        assertEquals(2, lines.length, text.toString());
        assertTrue(lines[0].startsWith("workers") && lines[0].contains("read 3, wrote 4, skipped 0, 0.50 s"), lines[0]);
        assertTrue(lines[1].startsWith("backup save") && lines[1].contains("10 keys, 1.00 s"), lines[1]);
        assertFalse(text.toString().contains("\r"), text.toString());
    }

    private String lastDrawing() {
        String[] drawings = text.toString().split("\r");
        return drawings[drawings.length - 1];
    }
}
