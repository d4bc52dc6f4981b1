package dev.rwsh.commands.inspect;

import dev.rwsh.commands.etcd.KeyText;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaDecoder;
import dev.rwsh.commands.meta.MetaEntry;
import dev.rwsh.commands.meta.MetaValues;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code meta families [--check]}: every column family with its key count and bytes, and every key
 * prefix that belongs to no RisingWave family. One streamed pass over the whole keyspace; with
 * {@code --check} every value is also decoded and the failures counted.
 */
public final class MetaFamiliesCommand {
    private MetaFamiliesCommand() {
    }

    /**
     * @param compressed values stored gzip-compressed
     * @param errors values that did not decode (only with --check, else null)
     * @param warnings values that decoded with a warning (only with --check, else null)
     */
    public record FamilyRow(String family, String description, long keys, long bytes, long compressed, Long errors, Long warnings) {
    }

    /** Keys of no known family, grouped by their first one or two '/'-separated segments. */
    public record UnknownPrefix(String prefix, long keys, long bytes) {
    }

    public record FamiliesResult(long revision, boolean checked, List<FamilyRow> families, List<UnknownPrefix> unknown, long totalKeys,
            long totalBytes) implements CommandResult {
        @Override
        public List<TableView> tables() {
            List<String> columns = new ArrayList<>(List.of("family", "keys", "bytes", "gzip"));
            if (checked) {
                columns.addAll(List.of("errors", "warnings"));
            }
            columns.add("holds");
            TableView.Builder t = TableView.builder(null, columns.toArray(String[]::new));
            for (FamilyRow f : families) {
                List<Object> row = new ArrayList<>(List.of(f.family(), f.keys(), f.bytes(), f.compressed()));
                if (checked) {
                    row.add(f.errors());
                    row.add(f.warnings());
                }
                row.add(f.description());
                t.row(row.toArray());
            }
            List<TableView> out = new ArrayList<>(List.of(t.build()));
            if (!unknown.isEmpty()) {
                TableView.Builder u = TableView.builder("keys of no RisingWave column family", "prefix", "keys", "bytes");
                unknown.forEach(p -> u.row(p.prefix(), p.keys(), p.bytes()));
                out.add(u.build());
            }
            out.add(TableView.builder(null, "total").row(totalKeys + " keys, " + totalBytes + " bytes at revision " + revision).build());
            return out;
        }
    }

    public static FamiliesResult run(Keyspace keyspace, boolean check) {
        Map<ColumnFamily, long[]> stats = new EnumMap<>(ColumnFamily.class);
        for (ColumnFamily f : ColumnFamily.values()) {
            stats.put(f, new long[5]);
        }
        Map<String, long[]> unknown = new TreeMap<>();
        long[] total = new long[2];
        keyspace.scan(new byte[0], false, kv -> {
            long bytes = kv.key().length + kv.valueSize();
            total[0]++;
            total[1] += bytes;
            ColumnFamily family = ColumnFamily.of(kv.key());
            if (family == null) {
                long[] u = unknown.computeIfAbsent(groupOf(KeyText.escape(kv.key())), k -> new long[2]);
                u[0]++;
                u[1] += bytes;
                return true;
            }
            long[] s = stats.get(family);
            s[0]++;
            s[1] += bytes;
            if (family.isModel() && MetaValues.isGzip(kv.value())) {
                s[2]++;
            }
            if (check) {
                MetaEntry e = MetaDecoder.decode(family, kv);
                if (!e.ok()) {
                    s[3]++;
                } else if (e.warning() != null) {
                    s[4]++;
                }
            }
            return true;
        });
        List<FamilyRow> rows = new ArrayList<>();
        stats.forEach((f, s) -> rows.add(new FamilyRow(f == ColumnFamily.CLUSTER_ID ? "cf/" + ColumnFamily.CLUSTER_ID_KEY : f.familyName(),
                f.description(), s[0], s[1], s[2], check ? s[3] : null, check ? s[4] : null)));
        List<UnknownPrefix> unknownRows = new ArrayList<>();
        unknown.forEach((p, u) -> unknownRows.add(new UnknownPrefix(p, u[0], u[1])));
        return new FamiliesResult(keyspace.revision(), check, rows, unknownRows, total[0], total[1]);
    }

    /** {@code cf/x/} for keys under {@code cf/}, else the first segment with its slash (or the whole key). */
    static String groupOf(String escapedKey) {
        int first = escapedKey.indexOf('/');
        if (first < 0) {
            return escapedKey;
        }
        if (escapedKey.startsWith("cf/")) {
            int second = escapedKey.indexOf('/', first + 1);
            return second < 0 ? escapedKey : escapedKey.substring(0, second + 1);
        }
        return escapedKey.substring(0, first + 1);
    }
}
