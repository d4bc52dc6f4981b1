package dev.rwsh.shell.e2e;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-D at an empty prompt leaves the shell with status 0, every time: after a pager, after a
 * Ctrl-D typed while a command's output was still drawing, after Ctrl-C cleared a line
 * (InterruptLongCommandsIT: after an interrupted command).
 */
class CtrlDLeavesShellIT {
    static final String PROMPT = "rwsh[backup]>";
    @TempDir
    Path home;

    private Tmux shell(String environment) throws Exception {
        Tmux tmux = new Tmux("cd " + home + " && HOME=" + home + " " + environment + " " + Rwsh.repo().resolve("scripts/rwsh")
                + " --no-rc --etcd-backup " + Rwsh.repo().resolve("scripts/sample/rw-v2.0.7-sample.rwshbak") + "; echo rwsh-exit=$?", 100, 30);
        tmux.waitFor(PROMPT, 90);
        return tmux;
    }

    @Test
    void afterLeavingThePager() throws Exception {
        try (Tmux tmux = shell("unset PAGER;")) {
            tmux.type("keys --limit 100000");
            tmux.send("Enter");
            tmux.waitForLastLine(":", 120);
            tmux.send("q");
            tmux.waitForLastLine(PROMPT, 120);
            InterruptLongCommandsIT.ctrlDLeaves(tmux, PROMPT);
        }
    }

    @Test
    void afterACtrlDTypedWhileOutputWasDrawing() throws Exception {
        try (Tmux tmux = shell("")) {
            tmux.pagerOff();
            tmux.type("keys --limit 100000");
            tmux.send("Enter");
            tmux.send("C-d");
            // typed ahead, it either ends the shell once the command is done (as in bash) or is
            // lost; it must not leave the prompt in a state where Ctrl-D no longer leaves
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            String screen = "";
            while (System.nanoTime() < deadline) {
                screen = tmux.screen().stripTrailing();
                if (screen.contains("rwsh-exit=") || screen.contains("└") && screen.endsWith("\n" + PROMPT)) {
                    break;
                }
                Thread.sleep(100);
            }
            if (screen.contains("rwsh-exit=")) {
                InterruptLongCommandsIT.leftWithStatusZero(tmux);
            } else {
                InterruptLongCommandsIT.ctrlDLeaves(tmux, PROMPT);
            }
        }
    }

    @Test
    void afterCtrlCClearedTheLine() throws Exception {
        try (Tmux tmux = shell("")) {
            tmux.type("keys cf/");
            tmux.send("C-c");
            tmux.waitForLastLine(PROMPT, 120);
            InterruptLongCommandsIT.ctrlDLeaves(tmux, PROMPT);
        }
    }
}
