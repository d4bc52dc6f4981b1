package dev.rwsh.commands.inspect;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code meta list FAMILY [--limit N]}: a family's entries in etcd key order, decoded. Streams: only
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
                out.add(TableView.builder(null, "message").row("(first " + limit + " entries; --limit N shows more)").build());
            }
            return out;
        }
    }

    public static MetaListResult run(Keyspace keyspace, String familyName, int limit) {
        if (limit <= 0) {
            throw RwshException.usage("--limit must be a positive number, not " + limit);
        }
        ColumnFamily family = FamilyArgs.family(familyName);
        List<MetaEntryView> entries = new ArrayList<>();
        boolean[] truncated = {false};
        int[] errors = {0};
        new MetaReader(keyspace).scan(family, e -> {
            if (entries.size() == limit) {
                truncated[0] = true;
                return false;
            }
            if (!e.ok()) {
                errors[0]++;
            }
            entries.add(MetaEntryView.of(e));
            return true;
        });
        return new MetaListResult(family.familyName(), keyspace.revision(), limit, truncated[0], errors[0], entries);
    }
}
