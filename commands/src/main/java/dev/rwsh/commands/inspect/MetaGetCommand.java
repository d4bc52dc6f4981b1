package dev.rwsh.commands.inspect;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import java.util.List;

/** {@code meta get FAMILY KEY}: one decoded value. KEY is an id, HOST:PORT or a name, as the family is keyed. */
public final class MetaGetCommand {
    private MetaGetCommand() {
    }

    public record MetaGetResult(long revision, MetaEntryView entry) implements CommandResult {
        @Override
        public List<TableView> tables() {
            return List.of(TableView.builder(entry.heading(), "value").row(entry.body()).build());
        }
    }

    public static MetaGetResult run(Keyspace keyspace, String familyName, String key) {
        ColumnFamily family = FamilyArgs.family(familyName);
        byte[] keyBytes = FamilyArgs.key(family, key);
        MetaReader reader = new MetaReader(keyspace);
        return reader.get(family, keyBytes)
                .map(e -> new MetaGetResult(keyspace.revision(), MetaEntryView.of(e)))
                .orElseThrow(() -> RwshException.failed("no key " + (key == null ? "" : "'" + key + "' ") + "in " + family.familyName()
                        + " at revision " + keyspace.revision() + "; 'meta list " + family.familyName() + "' shows what there is"));
    }
}
