package dev.rwsh.commands.preflight;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * The header of an rwsh backup file (format v1, docs/backup-format.md on the backup branch): only
 * what preflight compares, the revision the backup was pinned at and RisingWave's cluster id.
 * Reads the first bytes and nothing else; the blocks are not checked (that is {@code backup verify}).
 */
record BackupHeader(int formatVersion, long revision, String rwClusterId, String createdAt) {
    static final byte[] MAGIC = {(byte) 0x89, 'R', 'W', 'S', 'H', 'B', 'K', '\n'};

    /** Thrown with a one-line reason when the file is not an rwsh backup whose header can be read. */
    static final class NotABackup extends Exception {
        NotABackup(String message) {
            super(message);
        }
    }

    static BackupHeader read(Path file) throws NotABackup {
        if (!Files.isRegularFile(file)) {
            throw new NotABackup("no backup file at " + file);
        }
        try (InputStream raw = Files.newInputStream(file); DataInputStream in = new DataInputStream(raw)) {
            byte[] magic = new byte[8];
            in.readFully(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                return notRwsh(file);
            }
            int version = in.readUnsignedShort();
            in.readUnsignedShort();
            long length = Integer.toUnsignedLong(in.readInt());
            if (length < 2 || length > 1_048_576) {
                throw new NotABackup(file + ": header length " + length + " is out of range; the file is damaged");
            }
            byte[] json = new byte[(int) length];
            in.readFully(json);
            long crc = Integer.toUnsignedLong(in.readInt());
            CRC32 c = new CRC32();
            c.update(json);
            if (c.getValue() != crc) {
                throw new NotABackup(file + ": the header's CRC32 does not match; the file is damaged");
            }
            JsonNode h = new ObjectMapper().readTree(new String(json, StandardCharsets.UTF_8));
            if (!h.hasNonNull("revision")) {
                throw new NotABackup(file + ": the header has no revision");
            }
            return new BackupHeader(version, h.get("revision").asLong(), h.hasNonNull("rw_cluster_id") ? h.get("rw_cluster_id").asText() : null,
                    h.hasNonNull("created_at") ? h.get("created_at").asText() : null);
        } catch (java.io.EOFException e) {
            throw new NotABackup(file + " ends before its header does; it is not a complete rwsh backup");
        } catch (IOException e) {
            throw new NotABackup("cannot read " + file + ": " + e.getMessage());
        }
    }

    private static BackupHeader notRwsh(Path file) throws NotABackup {
        throw new NotABackup(file + " is not an rwsh backup (an etcd snapshot has no revision rwsh can read without restoring it)");
    }
}
