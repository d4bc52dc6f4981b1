package dev.rwsh.commands.keys;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.KeyText;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import java.util.ArrayList;
import java.util.List;

/** {@code keys [PREFIX] [--limit N]}: the keys under a prefix, in key order, escaped. */
public final class KeysCommand {
    public static final int DEFAULT_LIMIT = 1000;

    private KeysCommand() {
    }

    public record KeyRow(String key, long modRevision, long version) {
    }

    /** {@code truncated} says more keys exist than {@code limit}. */
    public record KeysResult(String prefix, long revision, int limit, boolean truncated, List<KeyRow> keys) implements CommandResult {
        @Override
        public List<TableView> tables() {
            TableView.Builder table = TableView.builder(null, "key", "mod revision", "version");
            keys.forEach(k -> table.row(k.key(), k.modRevision(), k.version()));
            if (truncated) {
                return List.of(table.build(), TableView.message("(first " + limit + " keys; more not shown: raise --limit)"));
            }
            return List.of(table.build());
        }
    }

    public static KeysResult run(Keyspace keyspace, String prefix, int limit) {
        if (limit <= 0) {
            throw RwshException.usage("--limit must be a positive number, not " + limit);
        }
        byte[] prefixBytes = KeyText.unescape(prefix == null ? "" : prefix);
        List<KeyRow> rows = new ArrayList<>();
        boolean[] truncated = {false};
        keyspace.scan(prefixBytes, true, entry -> {
            if (rows.size() == limit) {
                truncated[0] = true;
                return false;
            }
            rows.add(new KeyRow(KeyText.escape(entry.key()), entry.modRevision(), entry.version()));
            return true;
        });
        return new KeysResult(KeyText.escape(prefixBytes), keyspace.revision(), limit, truncated[0], rows);
    }
}
