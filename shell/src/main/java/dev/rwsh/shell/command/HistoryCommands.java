package dev.rwsh.shell.command;

import dev.rwsh.commands.result.MessageResult;
import dev.rwsh.shell.session.PasswordSafeHistory;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.History;
import org.springframework.shell.command.annotation.Command;

/** The interactive session's history, numbered, one entry per line (as bash and psql's \s print it). */
@Command(group = "Session and runbooks")
public class HistoryCommands {
    private final PasswordSafeHistory history;

    public HistoryCommands(PasswordSafeHistory history) {
        this.history = history;
    }

    @Command(command = "history", description = "List this session's command history, numbered, passwords masked (lines with a password are kept out of ~/.rwsh_history).")
    public MessageResult history() {
        List<String> lines = new ArrayList<>();
        int width = String.valueOf(history.size()).length();
        for (History.Entry entry : history) {
            lines.add(String.format("%" + Math.max(width, 4) + "d  %s", entry.index() + 1, PasswordSafeHistory.display(entry.line())));
        }
        return new MessageResult(String.join("\n", lines));
    }
}
