package dev.rwsh.commands.backup;

import dev.rwsh.commands.backupfile.BackupHeader;
import dev.rwsh.commands.backupfile.BackupProgress;
import dev.rwsh.commands.backupfile.BackupReader;
import dev.rwsh.commands.backupfile.BackupSummary;
import dev.rwsh.commands.etcd.ColumnFamilies;
import dev.rwsh.commands.etcd.KeyText;
import dev.rwsh.commands.etcd.KeyValueEntry;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code backup inspect FILE}: the header, the trailer's counts, and keys and bytes per column
 * family. Reads the whole file (every check of {@code backup verify} runs on the way), holding one
 * block and one counter per family in memory.
 */
public final class BackupInspectCommand {
    private BackupInspectCommand() {
    }

    public record Family(String family, long keys, long bytes) {
    }

    public record InspectResult(String file, int formatVersion, String kind, String createdAt, String etcdClusterId,
            String etcdMemberId, String etcdEndpoints, String rwClusterId, long revision, String prefix, String codec,
            String rwshVersion, long keys, long payloadBytes, long fileBytes, long blocks, String sha256, long keysWithLease,
            List<Family> families) implements CommandResult {
        @Override
        public List<TableView> tables() {
            TableView.Builder h = TableView.builder("header", "field", "value");
            h.row("file", file).row("format version", formatVersion).row("created at", createdAt)
                    .row("etcd cluster id", etcdClusterId).row("etcd member id", etcdMemberId).row("etcd endpoints", etcdEndpoints)
                    .row("RisingWave cluster id", rwClusterId == null ? "(no cf/cluster_id)" : rwClusterId)
                    .row("revision", revision).row("prefix", prefix.isEmpty() ? "(all keys)" : prefix)
                    .row("keys", keys).row("key and value bytes", payloadBytes).row("file bytes", fileBytes)
                    .row("blocks", blocks).row("codec", codec).row("sha-256", sha256).row("keys with a lease", keysWithLease)
                    .row("written by", "rwsh " + rwshVersion);
            TableView.Builder f = TableView.builder("column families", "family", "keys", "bytes");
            families.forEach(x -> f.row(x.family(), x.keys(), x.bytes()));
            return List.of(h.build(), f.build());
        }
    }

    public static InspectResult run(Path file, BackupProgress progress) {
        try (BackupReader reader = BackupReader.open(file)) {
            BackupHeader h = reader.header();
            Map<String, long[]> families = new TreeMap<>();
            long leased = 0;
            progress.begin("backup inspect", reader.announcedKeys(), "keys");
            reader.progress(progress);
            try {
                for (KeyValueEntry e = reader.next(); e != null; e = reader.next()) {
                    long[] c = families.computeIfAbsent(ColumnFamilies.familyOf(e.key()), k -> new long[2]);
                    c[0]++;
                    c[1] += e.key().length + e.value().length;
                    if (e.lease() != 0) {
                        leased++;
                    }
                }
            } finally {
                progress.end();
            }
            BackupSummary s = reader.finish();
            List<Family> list = new ArrayList<>();
            families.forEach((k, v) -> list.add(new Family(k, v[0], v[1])));
            return new InspectResult(file.toString(), reader.formatVersion(), h.kind(), h.createdAt(), h.etcdClusterId(), h.etcdMemberId(),
                    h.etcdEndpoints(), h.rwClusterId(), h.revision(), KeyText.escape(h.prefix()), h.codec(), h.rwshVersion(), s.keyCount(),
                    s.payloadBytes(), s.fileBytes(), s.blockCount(), s.sha256Hex(), leased, list);
        }
    }

    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
