package dev.rwsh.commands.backupfile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Constants of rwsh's backup file format; {@code docs/backup-format.md} is the specification.
 * Version 1: preamble, JSON header, compressed blocks of sorted key/value records, a block index,
 * and a fixed-size trailer with the counts and a SHA-256 over everything before it.
 */
public final class BackupFormat {
    private BackupFormat() {
    }

    /** The first 8 bytes of every backup: {@code \x89 R W S H B K \n}. */
    static final byte[] MAGIC = {(byte) 0x89, 'R', 'W', 'S', 'H', 'B', 'K', '\n'};
    /** The last 8 bytes of a complete backup. */
    static final byte[] END_MAGIC = "RWSHEND\n".getBytes(StandardCharsets.US_ASCII);

    /** The version this rwsh writes. Readers accept every version up to this one. */
    public static final int VERSION = 1;

    /** magic 8 + version 2 + flags 2 + header length 4. */
    static final int PREAMBLE_BYTES = 16;
    /** index offset, key count, block count, payload bytes (8 each), SHA-256 (32), end magic (8). */
    static final int TRAILER_BYTES = 4 * 8 + 32 + 8;

    static final byte BLOCK_TAG = 'B';
    static final byte INDEX_TAG = 'I';
    /** tag 1 + codec 1 + record count 4 + raw length 4 + stored length 4 + CRC32 4. */
    static final int BLOCK_HEADER_BYTES = 18;

    static final byte CODEC_STORED = 0;
    static final byte CODEC_DEFLATE = 1;

    /** A block is closed once its records reach this many uncompressed bytes (one record never splits). */
    static final int TARGET_BLOCK_BYTES = 256 * 1024;
    /** The largest header, index entry key or block a reader accepts, as a guard against garbage lengths. */
    static final int MAX_HEADER_BYTES = 1024 * 1024;
    /**
     * The largest uncompressed block a reader inflates: 256 KiB of records plus one record, and no
     * etcd value rwsh reads exceeds 256 MiB; a larger length is damage or a bomb, refused before inflating.
     */
    static final long MAX_BLOCK_BYTES = 512L * 1024 * 1024;

    /** Whether the file starts with rwsh's backup magic (the name does not matter). */
    public static boolean isBackup(Path file) {
        byte[] start = new byte[MAGIC.length];
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(start, 0, start.length) == start.length && Arrays.equals(start, MAGIC);
        } catch (IOException e) {
            return false;
        }
    }
}
