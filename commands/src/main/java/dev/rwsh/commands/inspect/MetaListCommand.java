package dev.rwsh.commands.inspect;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaDecoder;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code meta list FAMILY [--limit N]}: a family's entries in etcd key order, decoded. Only
 * the first N entries are ever held. A value that does not decode is listed with its error.
 */
public final class MetaListCommand {
    public static final int DEFAULT_LIMIT = 50;

    private MetaListCommand() {
    }

    /** {@code truncated} says the family has more entries than {@code limit}. */
    public record MetaListResult(String family, long revision, int limit, boolean truncated, int errors, List<MetaEntryView> entries)
            implements CommandResult {
        @Override
        public List<TableView> tables() {
            List<TableView> out = new ArrayList<>();
            for (MetaEntryView e : entries) {
                out.add(TableView.builder(e.heading(), "value").row(e.body()).build());
            }
            if (entries.isEmpty()) {
                out.add(TableView.builder(null, "message").row("(no keys in " + family + ")").build());
            } else if (truncated) {
                out.add(TableView.message("(first " + limit + " entries; more not shown: raise --limit)"));
            }
            return out;
        }
    }

    public static MetaListResult run(Keyspace keyspace, String familyName, int limit) {
        if (limit <= 0) {
            throw RwshException.usage("--limit must be a positive number, not " + limit);
        }
        ColumnFamily family = FamilyArgs.family(familyName);
        // Keys first, then the values of the first N one by one: a page of values could be far
        // larger than N entries (streaming jobs reach megabytes each).
        List<byte[]> keys = new ArrayList<>();
        if (family == ColumnFamily.CLUSTER_ID) {
            keys.add(ColumnFamily.clusterIdKey());
        } else {
            keyspace.scan(family.prefix(), true, kv -> {
                keys.add(kv.key());
                return keys.size() <= limit;
            });
        }
        boolean truncated = keys.size() > limit;
        List<MetaEntryView> entries = new ArrayList<>();
        int errors = 0;
        for (byte[] key : keys.subList(0, Math.min(limit, keys.size()))) {
            var entry = keyspace.get(key).map(kv -> MetaDecoder.decode(family, kv));
            if (entry.isEmpty()) {
                continue; // cannot happen at one revision; a backup keyspace may differ
            }
            if (!entry.get().ok()) {
                errors++;
            }
            entries.add(MetaEntryView.of(entry.get()));
        }
        return new MetaListResult(family.familyName(), keyspace.revision(), limit, truncated, errors, entries);
    }
}
