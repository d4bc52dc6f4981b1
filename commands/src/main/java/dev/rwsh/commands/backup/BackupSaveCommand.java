package dev.rwsh.commands.backup;

import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.backupfile.BackupFormat;
import dev.rwsh.commands.backupfile.BackupHeader;
import dev.rwsh.commands.backupfile.BackupProgress;
import dev.rwsh.commands.backupfile.BackupSummary;
import dev.rwsh.commands.backupfile.BackupWriter;
import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.commands.etcd.KeyRange;
import dev.rwsh.commands.etcd.KeyText;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.commands.session.Session;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.options.GetOption;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code backup save FILE [--prefix P]}: every key (or those under a prefix) at one pinned
 * revision, streamed into rwsh's backup format; {@code --etcd-snapshot}: etcd's own snapshot
 * through the maintenance API instead, for {@code etcdctl snapshot restore}.
 */
public final class BackupSaveCommand {
    /** Deflate level of the blocks: 6 (zlib's default) balances size and speed; see docs/performance.md. */
    public static final int DEFAULT_LEVEL = 6;
    static final byte[] CLUSTER_ID_KEY = "cf/cluster_id".getBytes(StandardCharsets.US_ASCII);

    private BackupSaveCommand() {
    }

    public record SaveResult(String file, String kind, long revision, String etcdClusterId, String rwClusterId, String prefix,
            long keys, long payloadBytes, long fileBytes, String sha256, double seconds) implements CommandResult {
        @Override
        public List<TableView> tables() {
            TableView.Builder t = TableView.builder(null, "file", "kind", "revision", "keys", "bytes", "file bytes", "seconds");
            t.row(file, kind, revision < 0 ? "" : revision, keys < 0 ? "" : keys, payloadBytes < 0 ? "" : payloadBytes, fileBytes,
                    String.format("%.1f", seconds));
            return List.of(t.build());
        }
    }

    public static SaveResult run(Session session, Path file, String prefix, boolean overwrite, String rwshVersion, BackupProgress progress) {
        EtcdConnection etcd = session.requireEtcd();
        BackupWriter.checkTarget(file, overwrite);
        byte[] prefixBytes = KeyText.unescape(prefix == null ? "" : prefix);
        long start = System.nanoTime();
        KeyRange range = KeyRange.prefix(prefixBytes);
        EtcdSnapshot snapshot;
        long revision;
        GetResponse counted;
        String rwClusterId;
        try {
            snapshot = EtcdSnapshot.open(etcd);
            revision = snapshot.revision();
            counted = etcd.get(ByteSequence.from(range.start()), GetOption.builder().withRange(ByteSequence.from(range.end()))
                    .withCountOnly(true).withRevision(revision).build());
            rwClusterId = snapshot.get(CLUSTER_ID_KEY).map(e -> text(e.value())).orElse(null);
        } catch (CommandInterruptedException e) {
            throw nothingSaved(file, e);
        }
        BackupHeader header = new BackupHeader(BackupFormat.VERSION, "keys",
                Instant.now().truncatedTo(ChronoUnit.MILLIS).toString(),
                Long.toHexString(counted.getHeader().getClusterId()), Long.toHexString(counted.getHeader().getMemberId()),
                etcd.endpoints().display(), rwClusterId, revision, HexFormat.of().formatHex(prefixBytes), "deflate", rwshVersion);
        progress.begin("backup save", counted.getCount(), "keys");
        try (BackupWriter writer = BackupWriter.create(file, overwrite, header, DEFAULT_LEVEL)) {
            snapshot.scan(prefixBytes, false, e -> {
                writer.add(e.key(), e.value(), e.createRevision(), e.modRevision(), e.version(), e.lease());
                progress.advance(1);
                return true;
            });
            BackupSummary summary = writer.finish();
            return new SaveResult(file.toString(), "rwsh backup v" + BackupFormat.VERSION, revision, header.etcdClusterId(), rwClusterId,
                    KeyText.escape(prefixBytes), summary.keyCount(), summary.payloadBytes(), summary.fileBytes(), summary.sha256Hex(),
                    (System.nanoTime() - start) / 1e9);
        } catch (CommandInterruptedException e) {
            throw nothingSaved(file, e);
        } finally {
            progress.end();
        }
    }

    private static CommandInterruptedException nothingSaved(Path file, CommandInterruptedException e) {
        return new CommandInterruptedException("backup save interrupted: nothing was saved (" + file + " not written)", e);
    }

    /**
     * etcd's own snapshot: the member's whole bbolt database, every revision it still keeps,
     * written to a temporary file (mode 0600) and renamed into place when complete.
     */
    public static SaveResult runEtcdSnapshot(Session session, Path file, boolean overwrite, BackupProgress progress) {
        EtcdConnection etcd = session.requireEtcd();
        Path target = file.toAbsolutePath();
        BackupWriter.checkTarget(file, overwrite);
        long start = System.nanoTime();
        GetResponse probe = etcd.get(ByteSequence.from(new byte[] {0}), GetOption.builder().withCountOnly(true).build());
        Path temp;
        try {
            temp = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".partial",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (IOException e) {
            throw RwshException.failed("cannot write in " + target.getParent() + ": " + e.getMessage(), e);
        }
        boolean done = false;
        progress.begin("etcd snapshot", -1, "bytes");
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
            OutputStream out = new CountingOutput(new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16), progress);
            long size = etcd.snapshot(out);
            out.flush(); // closing the stream would close the channel before the fsync
            channel.force(true);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            done = true;
            return new SaveResult(file.toString(), "etcd snapshot", probe.getHeader().getRevision(),
                    Long.toHexString(probe.getHeader().getClusterId()), null, "", -1, -1, size, null, (System.nanoTime() - start) / 1e9);
        } catch (IOException e) {
            throw RwshException.failed("could not write " + file + ": " + e.getMessage(), e);
        } finally {
            progress.end();
            if (!done) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }

    private static final class CountingOutput extends java.io.FilterOutputStream {
        private final BackupProgress progress;

        CountingOutput(OutputStream out, BackupProgress progress) {
            super(out);
            this.progress = progress;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            progress.advance(len);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            progress.advance(1);
        }
    }

    /** The value as text if it is UTF-8, else null. */
    static String text(byte[] value) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(value)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
