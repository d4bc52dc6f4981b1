package dev.rwsh.commands.keys;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.KeyText;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code tree [PREFIX] [--depth N]}: key counts and bytes grouped by the first N slash-separated
 * segments of each key. Streams the keyspace; memory grows with the number of groups only.
 */
public final class TreeCommand {
    public static final int DEFAULT_DEPTH = 2;

    private TreeCommand() {
    }

    public record Group(String prefix, long keys, long bytes) {
    }

    public record TreeResult(String prefix, long revision, int depth, List<Group> groups, long totalKeys, long totalBytes)
            implements CommandResult {
        @Override
        public List<TableView> tables() {
            TableView.Builder table = TableView.builder(null, "prefix", "keys", "bytes");
            groups.forEach(g -> table.row(g.prefix(), g.keys(), g.bytes()));
            table.row("(total)", totalKeys, totalBytes);
            return List.of(table.build());
        }
    }

    public static TreeResult run(Keyspace keyspace, String prefix, int depth) {
        if (depth <= 0) {
            throw RwshException.usage("--depth must be a positive number, not " + depth);
        }
        byte[] prefixBytes = KeyText.unescape(prefix == null ? "" : prefix);
        Map<String, long[]> groups = new TreeMap<>();
        long[] total = new long[2];
        keyspace.scan(prefixBytes, false, entry -> {
            long bytes = entry.key().length + entry.valueSize();
            long[] g = groups.computeIfAbsent(groupOf(KeyText.escape(entry.key()), depth), k -> new long[2]);
            g[0]++;
            g[1] += bytes;
            total[0]++;
            total[1] += bytes;
            return true;
        });
        List<Group> out = new ArrayList<>(groups.size());
        groups.forEach((k, v) -> out.add(new Group(k, v[0], v[1])));
        return new TreeResult(KeyText.escape(prefixBytes), keyspace.revision(), depth, out, total[0], total[1]);
    }

    /** The first {@code depth} segments, with a trailing slash when the key goes deeper. */
    static String groupOf(String escapedKey, int depth) {
        int at = -1;
        for (int i = 0; i < depth; i++) {
            at = escapedKey.indexOf('/', at + 1);
            if (at < 0) {
                return escapedKey;
            }
        }
        return escapedKey.substring(0, at + 1);
    }
}
