package dev.rwsh.shell.session;

import dev.rwsh.commands.RwshException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.springframework.context.annotation.Lazy;
import org.springframework.shell.context.InteractionMode;
import org.springframework.shell.context.ShellContext;
import org.springframework.stereotype.Component;

/**
 * Asks before a destructive command. Yes without asking when the command got {@code --yes} or the
 * launcher did ({@link ShellSession#assumeYes()}); otherwise asks through the terminal in the
 * interactive shell, and fails with "... needs confirmation: add --yes" anywhere else (-c, -f,
 * standard input), where nobody can answer.
 */
@Component
public class Confirmation {
    private final ShellSession session;
    private final ShellContext shellContext;
    private final LineReader lineReader;

    public Confirmation(ShellSession session, ShellContext shellContext, @Lazy LineReader lineReader) {
        this.session = session;
        this.shellContext = shellContext;
        this.lineReader = lineReader;
    }

    /**
     * Returns normally when confirmed; throws a {@link RwshException} when the answer is no or
     * nobody can be asked.
     *
     * @param command the command, e.g. "backup restore", for the messages
     * @param question what is about to happen, as a question
     * @param yesOption the command's own {@code --yes}
     */
    public void require(String command, String question, boolean yesOption) {
        if (yesOption || session.assumeYes()) {
            return;
        }
        if (shellContext.getInteractionMode() != InteractionMode.INTERACTIVE) {
            throw RwshException.usage(command + " needs confirmation: add --yes");
        }
        String answer;
        try {
            answer = lineReader.readLine(question + " Type 'yes' to go on: ");
        } catch (UserInterruptException | EndOfFileException e) {
            answer = "";
        }
        if (!answer.trim().equalsIgnoreCase("yes") && !answer.trim().equalsIgnoreCase("y")) {
            throw RwshException.failed(command + " cancelled: nothing was changed");
        }
    }
}
