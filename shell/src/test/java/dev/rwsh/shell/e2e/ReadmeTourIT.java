package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.commands.testsupport.EtcdServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's short tour, line by line as it is written there (annotations included), typed at the
 * prompt in a real terminal against a live etcd holding the sample cluster and a SQLite target.
 */
class ReadmeTourIT {
    private static final String PROMPT = "rwsh[etcd,sql]>";

    @TempDir
    Path home;

    static List<String> tourLines() throws Exception {
        List<String> lines = Files.readAllLines(Rwsh.repo().resolve("README.md"));
        int start = lines.indexOf("## A short tour");
        List<String> tour = new ArrayList<>();
        for (String line : lines.subList(start, lines.size())) {
            if (line.startsWith(PROMPT + " ")) {
                tour.add(line.substring(PROMPT.length() + 1));
            } else if (!tour.isEmpty() && line.equals("```")) {
                break;
            }
        }
        return tour;
    }

    @Test
    void theTourWorksAsWritten() throws Exception {
        List<String> tour = tourLines();
        assertTrue(tour.size() >= 5 && tour.get(tour.size() - 1).equals("exit"), tour.toString());
        try (EtcdServer server = EtcdServer.start()) {
            server.generate(ClusterGenerator.Options.small(1)); // the cluster of the sample backup
            try (Tmux tmux = new Tmux("cd " + home + " && HOME=" + home + " " + Rwsh.repo().resolve("scripts/rwsh")
                    + " --no-rc --etcd-endpoints " + server.endpoint() + " --sql-endpoint 'sqlite://" + home + "/meta.db?mode=rwc'")) {
                tmux.waitFor(PROMPT, 240);
                for (String line : tour) {
                    String typed = line.replace("/backups/", home + "/");
                    tmux.type(typed);
                    tmux.send("Enter");
                    if (typed.equals("exit")) {
                        break;
                    }
                    String after = outputOf(tmux, typed);
                    assertFalse(after.contains("error:"), "'" + typed + "' failed:\n" + after);
                }
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (tmux.alive() && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertFalse(tmux.alive(), "exit did not leave the shell");
            }
        }
        assertTrue(Files.size(home.resolve("rw.rwshbak")) > 0, "backup save wrote nothing");
    }

    /** Waits for the prompt to come back after {@code typed}; returns what was printed in between. */
    private static String outputOf(Tmux tmux, String typed) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String screen = "";
        while (System.nanoTime() < deadline) {
            screen = tmux.screen().stripTrailing();
            int at = screen.lastIndexOf(PROMPT + " " + typed);
            if (at >= 0 && screen.endsWith(PROMPT)) {
                return screen.substring(at);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the prompt never came back after '" + typed + "':\n" + screen);
    }
}
