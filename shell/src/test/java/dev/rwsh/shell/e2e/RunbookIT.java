package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/rwsh -f: comments, variables, source, on-error, stdin, and where a runbook stopped. */
class RunbookIT {
    @TempDir
    Path home;

    @Test
    void runbookStopsAtTheFirstFailingLineAndNamesIt() throws Exception {
        Path dir = Files.createDirectories(home.resolve("books"));
        Files.writeString(dir.resolve("inner.rwsh"), "echo inner says ${GREETING} from ${RUNBOOK_DIR}\n");
        Files.writeString(dir.resolve("main.rwsh"), String.join("\n",
                "# a comment, then a blank line",
                "",
                "set GREETING hello, world",
                "set ENDPOINTS a:2379,b:2379",
                "echo endpoints=${ENDPOINTS}",
                "source inner.rwsh",
                "echo target=${TARGET}",
                "get no/such/key",
                "echo not reached") + "\n");
        Rwsh.Run run = Rwsh.run(home, null, "--no-rc", "-v", "TARGET=sqlite", "--etcd-endpoints",
                dev.rwsh.commands.testsupport.TestServices.etcd(), "-f", dir.resolve("main.rwsh").toString());
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.out().contains("inner says hello, world from " + dir.toRealPath()) || run.out().contains("inner says hello, world from " + dir.toAbsolutePath()), run.out());
        assertTrue(run.out().contains("endpoints=a:2379,b:2379"), "commas must survive: " + run.out());
        assertTrue(run.out().contains("target=sqlite"), run.out());
        assertFalse(run.out().contains("not reached"), run.out());
        assertTrue(run.err().contains(dir.resolve("main.rwsh") + ":8: no key 'no/such/key'"), run.err());
    }

    @Test
    void onErrorContinueRunsOnAndReportsTheLastFailure() throws Exception {
        Path book = home.resolve("lenient.rwsh");
        Files.writeString(book, "on-error continue\nnot-a-command\necho still here\n");
        Rwsh.Run run = Rwsh.run(home, null, "--no-rc", "-f", book.toString());
        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.out().contains("still here"), run.out());
        assertTrue(run.err().contains("lenient.rwsh:2: unknown command 'not-a-command'"), run.err());
    }

    @Test
    void onErrorIgnoreReportsAFailingLineWithoutFailingTheRunbook() throws Exception {
        Path book = home.resolve("ignore.rwsh");
        Files.writeString(book, "on-error ignore\nnot-a-command\non-error stop\necho still here\n");
        Rwsh.Run run = Rwsh.run(home, null, "--no-rc", "-f", book.toString());
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("still here"), run.out());
        assertTrue(run.err().contains("ignore.rwsh:2: unknown command 'not-a-command'"), run.err());
        // back to stop: the next failing line fails the runbook again
        Files.writeString(book, "on-error ignore\nnot-a-command\non-error stop\nnot-a-command-either\necho never\n");
        Rwsh.Run stopped = Rwsh.run(home, null, "--no-rc", "-f", book.toString());
        assertEquals(2, stopped.exit(), stopped.toString());
        assertFalse(stopped.out().contains("never"), stopped.out());
    }

    @Test
    void failureInASourcedRunbookStopsTheCallerToo() throws Exception {
        Files.writeString(home.resolve("bad.rwsh"), "echo in bad\nunset NEVER_SET\n");
        Files.writeString(home.resolve("caller.rwsh"), "source bad.rwsh\necho caller continued\n");
        Rwsh.Run run = Rwsh.run(home, null, "--no-rc", "-f", home.resolve("caller.rwsh").toString());
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.err().contains("bad.rwsh:2: variable NEVER_SET is not set"), run.err());
        assertTrue(run.err().contains("caller.rwsh:1: runbook bad.rwsh failed"), run.err());
        assertFalse(run.out().contains("caller continued"), run.out());
    }

    @Test
    void runbookFromStandardInput() throws Exception {
        Rwsh.Run run = Rwsh.run(home, "set X 42\necho x is ${X}\nexit\necho after exit\n", "--no-rc", "-f", "-");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("x is 42"), run.out());
        assertFalse(run.out().contains("after exit"), run.out());
    }

    @Test
    void missingRunbookFileIsAClearError() throws Exception {
        Rwsh.Run run = Rwsh.run(home, null, "--no-rc", "-f", home.resolve("nope.rwsh").toString());
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.err().contains("no runbook at " + home.resolve("nope.rwsh")), run.err());
    }

    @Test
    void aRunbookThatSourcesItselfIsRefusedWithOneLineNamingTheCycle() throws Exception {
        Path self = home.resolve("self.rwsh");
        Files.writeString(self, "echo in self\nsource self.rwsh\necho not reached\n");
        Rwsh.Run run = Rwsh.run(home, null, "--no-rc", "-f", self.toString());
        assertEquals(2, run.exit(), run.toString());
        assertEquals(1, run.err().lines().count(), "one line, not a stack overflow: " + run.err());
        assertTrue(run.err().contains(self + ":2: runbook cycle: " + self + " -> self.rwsh"), run.err());
        assertTrue(run.err().contains("remove the 'source self.rwsh' line from " + self), run.err());
        assertFalse(run.out().contains("not reached"), run.out());
        assertFalse(run.err().contains("StackOverflow"), run.err());
    }

    @Test
    void aCycleThroughAnotherRunbookIsRefusedAndNamesEveryStep() throws Exception {
        Files.writeString(home.resolve("a.rwsh"), "source b.rwsh\n");
        Files.writeString(home.resolve("b.rwsh"), "echo in b\nsource a.rwsh\n");
        Rwsh.Run run = Rwsh.run(home, null, "--no-rc", "-f", home.resolve("a.rwsh").toString());
        assertEquals(2, run.exit(), run.toString());
        assertTrue(run.err().contains("b.rwsh:2: runbook cycle: " + home.resolve("a.rwsh") + " -> b.rwsh -> a.rwsh"), run.err());
        assertFalse(run.err().contains("StackOverflow"), run.err());
        // the same runbook sourced twice in a row is not a cycle
        Files.writeString(home.resolve("twice.rwsh"), "source b2.rwsh\nsource b2.rwsh\n");
        Files.writeString(home.resolve("b2.rwsh"), "echo in b2\n");
        Rwsh.Run twice = Rwsh.run(home, null, "--no-rc", "-f", home.resolve("twice.rwsh").toString());
        assertEquals(0, twice.exit(), twice.toString());
        assertEquals(2, twice.out().lines().filter(l -> l.contains("in b2")).count(), twice.out());
    }

    @Test
    void aBinaryFileIsNotATextRunbook() throws Exception {
        Path binary = home.resolve("data.bin");
        Files.write(binary, new byte[] {(byte) 0x1f, (byte) 0x8b, 8, 0, (byte) 0xff, (byte) 0xfe, 0, 1, 2});
        Rwsh.Run run = Rwsh.run(home, null, "--no-rc", "-f", binary.toString());
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.err().contains("runbook " + binary + " is not a text runbook"), run.err());
        assertTrue(run.err().contains("give a .rwsh file with one command per line"), run.err());
        assertFalse(run.err().contains("Input length"), run.err());
        // valid UTF-8 with NUL bytes is binary too
        Path nul = home.resolve("nul.rwsh");
        Files.write(nul, new byte[] {'e', 'c', 'h', 'o', ' ', 0, 0, '\n'});
        Rwsh.Run nulRun = Rwsh.run(home, null, "--no-rc", "-c", "source nul.rwsh");
        assertEquals(1, nulRun.exit(), nulRun.toString());
        assertTrue(nulRun.err().contains("is not a text runbook"), nulRun.err());
    }
}
