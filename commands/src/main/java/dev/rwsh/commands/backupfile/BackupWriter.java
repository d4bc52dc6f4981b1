package dev.rwsh.commands.backupfile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.RwshException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Streams key/value records into a backup file (docs/backup-format.md). Records must come in
 * strictly ascending key order, as an etcd range read returns them. A full block is compressed
 * and written by one background thread while the caller fills the next (double buffering), so
 * reading etcd and compressing overlap; memory holds two blocks (about
 * {@link BackupFormat#TARGET_BLOCK_BYTES} each, or one record if larger) and the block index.
 *
 * <p>The data goes to a temporary file beside the target, created with mode 0600 before anything
 * is written, and is renamed to the target only by {@link #finish()}, after an fsync; closing an
 * unfinished writer deletes the temporary file, so a failed or interrupted save leaves nothing
 * behind.
 */
public final class BackupWriter implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final HashingOutput out;
    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private final List<IndexEntry> index = new ArrayList<>();

    private byte[] raw = new byte[BackupFormat.TARGET_BLOCK_BYTES + 4096];
    /** The buffer of the block being compressed, reused once that is done. */
    private byte[] spare = new byte[BackupFormat.TARGET_BLOCK_BYTES + 4096];
    private int rawLen;
    private final java.util.concurrent.ExecutorService compressor = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "rwsh-backup-compress");
        t.setDaemon(true);
        return t;
    });
    private java.util.concurrent.Future<?> pending;
    private int blockRecords;
    private byte[] blockFirstKey;
    private byte[] lastKey;
    private byte[] compressed = new byte[0];
    private long keyCount;
    private long payloadBytes;
    private boolean finished;

    record IndexEntry(long offset, int records, byte[] firstKey, byte[] lastKey) {
    }

    private BackupWriter(Path target, Path temp, FileChannel channel, int level) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.out = new HashingOutput(new BufferedOutputStream(java.nio.channels.Channels.newOutputStream(channel), 1 << 16));
        this.deflater = new Deflater(level, true);
    }

    /**
     * Fails now if the finished backup could not be renamed to {@code target}: before anything is
     * read from etcd, not after the whole backup is written.
     */
    public static void checkTarget(Path target, boolean overwrite) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (Files.isDirectory(absolute)) {
            throw RwshException.failed(target + " is a directory: name a file in it, for example " + target.resolve("rw.rwshbak")
                    + (overwrite ? " (--force replaces a file, never a directory)" : ""));
        }
        if (!overwrite && Files.exists(absolute, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw RwshException.failed(target + " already exists: choose another name or add --force to replace it");
        }
        if (dir == null || !Files.isDirectory(dir)) {
            throw RwshException.failed("cannot write " + target + ": directory " + dir + " does not exist");
        }
        if (!Files.isWritable(dir)) {
            throw RwshException.failed("cannot write " + target + ": directory " + dir + " is not writable; choose another directory");
        }
    }

    /**
     * Creates the temporary file (mode 0600) and writes the preamble and header.
     *
     * @param overwrite whether an existing {@code target} may be replaced
     * @param level the deflate level, 1 (fast) to 9 (small)
     */
    public static BackupWriter create(Path target, boolean overwrite, BackupHeader header, int level) {
        checkTarget(target, overwrite);
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp;
        try {
            try {
                temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".partial",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".partial");
            }
        } catch (IOException e) {
            throw RwshException.failed("cannot write in " + dir + ": " + e.getMessage(), e);
        }
        BackupWriter writer = null;
        try {
            FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            writer = new BackupWriter(absolute, temp, channel, level);
            writer.writePreamble(header);
            return writer;
        } catch (IOException | RuntimeException e) {
            if (writer != null) {
                writer.close();
            } else {
                deleteQuietly(temp);
            }
            throw e instanceof RwshException r ? r : RwshException.failed("cannot write " + temp + ": " + e.getMessage(), e);
        }
    }

    private void writePreamble(BackupHeader header) throws IOException {
        byte[] json = JSON.writeValueAsBytes(header);
        out.write(BackupFormat.MAGIC);
        out.writeShort(BackupFormat.VERSION);
        out.writeShort(0);
        out.writeInt(json.length);
        out.write(json);
        crc.reset();
        crc.update(json);
        out.writeInt((int) crc.getValue());
    }

    public void add(byte[] key, byte[] value, long createRevision, long modRevision, long version, long lease) {
        if (lastKey != null && Arrays.compareUnsigned(lastKey, key) >= 0) {
            throw new IllegalStateException("keys must be strictly ascending");
        }
        int need = Varint.size(key.length) + key.length + Varint.size(value.length) + value.length
                + Varint.size(createRevision) + Varint.size(modRevision) + Varint.size(version) + Varint.size(lease);
        if (rawLen + need > raw.length) {
            raw = Arrays.copyOf(raw, Math.max(raw.length * 2, rawLen + need));
        }
        int p = Varint.write(raw, rawLen, key.length);
        System.arraycopy(key, 0, raw, p, key.length);
        p = Varint.write(raw, p + key.length, value.length);
        System.arraycopy(value, 0, raw, p, value.length);
        p += value.length;
        p = Varint.write(raw, p, createRevision);
        p = Varint.write(raw, p, modRevision);
        p = Varint.write(raw, p, version);
        rawLen = Varint.write(raw, p, lease);
        if (blockRecords == 0) {
            blockFirstKey = key;
        }
        blockRecords++;
        lastKey = key;
        keyCount++;
        payloadBytes += key.length + value.length;
        if (rawLen >= BackupFormat.TARGET_BLOCK_BYTES) {
            flushBlock();
        }
    }

    public long keyCount() {
        return keyCount;
    }

    /** Hands the current block to the compressing thread, after the previous one is written. */
    private void flushBlock() {
        if (blockRecords == 0) {
            return;
        }
        awaitPending();
        byte[] block = raw;
        int length = rawLen;
        int records = blockRecords;
        byte[] first = blockFirstKey;
        byte[] last = lastKey;
        pending = compressor.submit(() -> writeBlock(block, length, records, first, last));
        raw = spare.length >= BackupFormat.TARGET_BLOCK_BYTES ? spare : new byte[BackupFormat.TARGET_BLOCK_BYTES + 4096];
        spare = block.length > 4 * BackupFormat.TARGET_BLOCK_BYTES ? new byte[BackupFormat.TARGET_BLOCK_BYTES + 4096] : block;
        rawLen = 0;
        blockRecords = 0;
    }

    private void awaitPending() {
        if (pending == null) {
            return;
        }
        try {
            pending.get();
        } catch (InterruptedException e) {
            throw new CommandInterruptedException("backup save interrupted: nothing was saved", e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            throw RwshException.failed("could not write " + target + ": " + cause.getMessage(), cause);
        } finally {
            pending = null;
        }
    }

    /** Compresses and writes one block; runs on the compressing thread, one block at a time, in order. */
    private void writeBlock(byte[] raw, int rawLen, int blockRecords, byte[] blockFirstKey, byte[] lastKey) {
        try {
            crc.reset();
            crc.update(raw, 0, rawLen);
            deflater.reset();
            deflater.setInput(raw, 0, rawLen);
            deflater.finish();
            int bound = rawLen + rawLen / 100 + 1024;
            if (compressed.length < bound) {
                compressed = new byte[bound];
            }
            int len = 0;
            while (!deflater.finished() && len < compressed.length) {
                len += deflater.deflate(compressed, len, compressed.length - len);
            }
            boolean deflated = deflater.finished() && len < rawLen;
            long offset = out.position();
            out.write(BackupFormat.BLOCK_TAG);
            out.write(deflated ? BackupFormat.CODEC_DEFLATE : BackupFormat.CODEC_STORED);
            out.writeInt(blockRecords);
            out.writeInt(rawLen);
            out.writeInt(deflated ? len : rawLen);
            out.writeInt((int) crc.getValue());
            if (deflated) {
                out.write(compressed, 0, len);
            } else {
                out.write(raw, 0, rawLen);
            }
            index.add(new IndexEntry(offset, blockRecords, blockFirstKey, lastKey));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes the last block, the index and the trailer, syncs, and renames the file into place. */
    public BackupSummary finish() {
        try {
            flushBlock();
            awaitPending();
            long indexOffset = out.position();
            java.io.ByteArrayOutputStream indexBytes = new java.io.ByteArrayOutputStream();
            HashingOutput ix = new HashingOutput(indexBytes);
            ix.write(BackupFormat.INDEX_TAG);
            ix.writeInt(index.size());
            byte[] scratch = new byte[10];
            for (IndexEntry e : index) {
                ix.writeLong(e.offset());
                ix.writeInt(e.records());
                ix.write(scratch, 0, Varint.write(scratch, 0, e.firstKey().length));
                ix.write(e.firstKey());
                ix.write(scratch, 0, Varint.write(scratch, 0, e.lastKey().length));
                ix.write(e.lastKey());
            }
            byte[] entries = indexBytes.toByteArray();
            crc.reset();
            crc.update(entries);
            out.write(entries);
            out.writeInt((int) crc.getValue());
            out.writeLong(indexOffset);
            out.writeLong(keyCount);
            out.writeLong(index.size());
            out.writeLong(payloadBytes);
            byte[] sha = out.digest();
            out.writeUnhashed(sha);
            out.writeUnhashed(BackupFormat.END_MAGIC);
            out.flush();
            channel.force(true);
            long size = channel.size();
            channel.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (FileAlreadyExistsException e) {
                throw RwshException.failed(target + " appeared while the backup was written; the data is in " + temp);
            }
            syncDirectory(target.getParent());
            finished = true;
            return new BackupSummary(keyCount, index.size(), payloadBytes, size, HexFormat.of().formatHex(sha));
        } catch (IOException e) {
            throw RwshException.failed("could not write " + target + ": " + e.getMessage(), e);
        } finally {
            compressor.shutdownNow();
            deflater.end();
        }
    }

    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // Not every file system can sync a directory; the rename itself is atomic.
        }
    }

    /** Abandons an unfinished backup: the temporary file is removed. */
    @Override
    public void close() {
        if (finished) {
            return;
        }
        compressor.shutdownNow();
        try {
            compressor.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            channel.close();
        } catch (IOException e) {
            // removing it is what matters
        }
        deflater.end();
        deleteQuietly(temp);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // nothing more to do
        }
    }

    /** Big-endian writes that feed a SHA-256 and count the position. */
    static final class HashingOutput {
        private final OutputStream out;
        private final MessageDigest sha;
        private final byte[] buf = new byte[8];
        private long position;

        HashingOutput(OutputStream out) {
            this.out = out;
            try {
                this.sha = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        long position() {
            return position;
        }

        void write(int b) throws IOException {
            buf[0] = (byte) b;
            write(buf, 0, 1);
        }

        void write(byte[] b) throws IOException {
            write(b, 0, b.length);
        }

        void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            sha.update(b, off, len);
            position += len;
        }

        void writeUnhashed(byte[] b) throws IOException {
            out.write(b);
            position += b.length;
        }

        void writeShort(int v) throws IOException {
            buf[0] = (byte) (v >>> 8);
            buf[1] = (byte) v;
            write(buf, 0, 2);
        }

        void writeInt(int v) throws IOException {
            for (int i = 0; i < 4; i++) {
                buf[i] = (byte) (v >>> (24 - 8 * i));
            }
            write(buf, 0, 4);
        }

        void writeLong(long v) throws IOException {
            for (int i = 0; i < 8; i++) {
                buf[i] = (byte) (v >>> (56 - 8 * i));
            }
            write(buf, 0, 8);
        }

        byte[] digest() {
            return sha.digest();
        }

        void flush() throws IOException {
            out.flush();
        }
    }
}
