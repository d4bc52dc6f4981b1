package dev.rwsh.commands.keys;

import dev.rwsh.commands.etcd.KeyText;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import java.util.List;

/** {@code count [PREFIX]}: how many keys lie under a prefix. */
public final class CountCommand {
    private CountCommand() {
    }

    public record CountResult(String prefix, long revision, long count) implements CommandResult {
        @Override
        public List<TableView> tables() {
            return List.of(TableView.builder(null, "prefix", "keys", "revision").row(prefix, count, revision).build());
        }
    }

    public static CountResult run(Keyspace keyspace, String prefix) {
        byte[] prefixBytes = KeyText.unescape(prefix == null ? "" : prefix);
        return new CountResult(KeyText.escape(prefixBytes), keyspace.revision(), keyspace.count(prefixBytes));
    }
}
