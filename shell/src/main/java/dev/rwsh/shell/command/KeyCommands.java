package dev.rwsh.shell.command;

import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.keys.CountCommand;
import dev.rwsh.commands.keys.GetCommand;
import dev.rwsh.commands.keys.KeysCommand;
import dev.rwsh.commands.keys.TreeCommand;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.shell.session.ShellSession;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** Raw key inspection: keys, get, count, tree. Binary bytes are written \xNN. */
@Command(group = "Raw keys")
public class KeyCommands {
    private final ShellSession session;

    public KeyCommands(ShellSession session) {
        this.session = session;
    }

    @Command(command = "keys", description = "List the keys under a prefix, in key order, at one revision.")
    public CommandResult keys(
            @Option(longNames = "prefix", defaultValue = "", label = "PREFIX", description = "key prefix (\\xNN for a byte)") String prefix,
            @Option(longNames = "limit", defaultValue = "" + KeysCommand.DEFAULT_LIMIT, label = "N", description = "show at most N keys") int limit) {
        return interruptible("keys interrupted: nothing listed", () -> KeysCommand.run(session.engine().openKeyspace(), prefix, limit));
    }

    @Command(command = "get", description = "Show one key's value and metadata.")
    public CommandResult get(
            @Option(longNames = "key", required = true, label = "KEY", description = "the key (\\xNN for a byte)") String key,
            @Option(longNames = "hex", description = "show the value as a hex dump") boolean hex,
            @Option(longNames = "raw", description = "write the value's bytes to standard output as they are") boolean raw) {
        if (hex && raw) {
            throw RwshException.usage("--hex and --raw exclude each other");
        }
        GetCommand.ValueMode mode = hex ? GetCommand.ValueMode.HEX : raw ? GetCommand.ValueMode.RAW : GetCommand.ValueMode.AUTO;
        return GetCommand.run(session.engine().openKeyspace(), key, mode);
    }

    @Command(command = "count", description = "Count the keys under a prefix.")
    public CommandResult count(
            @Option(longNames = "prefix", defaultValue = "", label = "PREFIX", description = "key prefix (\\xNN for a byte)") String prefix) {
        return interruptible("count interrupted: nothing counted", () -> CountCommand.run(session.engine().openKeyspace(), prefix));
    }

    @Command(command = "tree", description = "Key counts and bytes grouped by the first N '/'-separated segments.")
    public CommandResult tree(
            @Option(longNames = "prefix", defaultValue = "", label = "PREFIX", description = "key prefix (\\xNN for a byte)") String prefix,
            @Option(longNames = "depth", defaultValue = "" + TreeCommand.DEFAULT_DEPTH, label = "N", description = "segments per group") int depth) {
        return interruptible("tree interrupted: nothing counted", () -> TreeCommand.run(session.engine().openKeyspace(), prefix, depth));
    }

    /** Runs a read; Ctrl-C (while opening the keyspace or scanning it) ends it with "WHAT; nothing was changed". */
    private static CommandResult interruptible(String what, java.util.function.Supplier<CommandResult> read) {
        try {
            return read.get();
        } catch (CommandInterruptedException e) {
            throw new CommandInterruptedException(what + "; nothing was changed", e);
        }
    }
}
