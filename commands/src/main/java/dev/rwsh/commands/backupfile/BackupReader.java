package dev.rwsh.commands.backupfile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.KeyText;
import dev.rwsh.commands.etcd.KeyValueEntry;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Reads a backup from start to end and checks everything on the way: magic, version, header
 * CRC, each block's length, CRC and records, key order, the index against the blocks, the
 * trailer's counts, and the SHA-256. The first problem is a {@link BackupCorruptException} that
 * names the byte offset, the block and the record. Memory holds one block at a time.
 *
 * <p>Use: {@link #open}, {@link #next()} until null, then {@link #finish()} for the trailer checks.
 */
public final class BackupReader implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final InputStream in;
    private final long fileSize;
    private final MessageDigest sha;
    private final CRC32 crc = new CRC32();
    private final Inflater inflater = new Inflater(true);
    private final BackupHeader header;
    private final int formatVersion;
    private long position;

    private final List<BackupWriter.IndexEntry> blocks = new ArrayList<>();
    private byte[] raw = new byte[0];
    private int rawLen;
    private int rawPos;
    private int blockRemaining;
    private long blockOffset;
    private byte[] blockFirst;
    private byte[] previousKey;
    private long records;
    private long payloadBytes;
    private boolean indexReached;
    private BackupProgress progress = BackupProgress.NONE;

    private BackupReader(Path path, InputStream in, long fileSize) {
        this.name = path.toString();
        this.in = in;
        this.fileSize = fileSize;
        try {
            this.sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        byte[] magic = readFully(8, "the file starts");
        if (!Arrays.equals(magic, BackupFormat.MAGIC)) {
            throw corrupt(0, "not an rwsh backup: it does not start with the rwsh backup magic"
                    + (looksLikeEtcdSnapshot(path) ? " (it looks like an etcd snapshot: restore it with 'etcdctl snapshot restore')" : ""));
        }
        formatVersion = readShort();
        if (formatVersion < 1 || formatVersion > BackupFormat.VERSION) {
            throw corrupt(8, "format version " + formatVersion + " is not one this rwsh reads (1 to " + BackupFormat.VERSION
                    + "); a newer rwsh wrote it");
        }
        readShort(); // flags, none defined in version 1
        long headerAt = position;
        int headerLength = readInt();
        if (headerLength < 2 || headerLength > BackupFormat.MAX_HEADER_BYTES) {
            throw corrupt(headerAt, "header length " + Integer.toUnsignedString(headerLength) + " is impossible");
        }
        byte[] json = readFully(headerLength, "the header");
        int storedCrc = readInt();
        crc.reset();
        crc.update(json);
        if ((int) crc.getValue() != storedCrc) {
            throw corrupt(headerAt + 4, "the header's CRC32 does not match its bytes (bytes " + (headerAt + 4) + " to "
                    + (headerAt + 4 + headerLength - 1) + ")");
        }
        try {
            header = JSON.readValue(json, BackupHeader.class);
        } catch (IOException e) {
            throw corrupt(headerAt + 4, "the header is not valid JSON: " + e.getMessage());
        }
    }

    /** Opens the file and reads and checks its header; a missing or unreadable file is a plain failure. */
    public static BackupReader open(Path path) {
        InputStream in;
        long size;
        try {
            size = Files.size(path);
            in = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        } catch (NoSuchFileException e) {
            throw RwshException.failed("no backup file " + path);
        } catch (IOException e) {
            throw RwshException.failed("cannot read " + path + ": " + e.getMessage(), e);
        }
        try {
            return new BackupReader(path, in, size);
        } catch (RuntimeException e) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the first error is the one to report
            }
            throw e;
        }
    }

    /**
     * The key count the trailer announces, for a progress bar's total: -1 when the file has no
     * plausible trailer (the sequential read then says what is wrong).
     */
    public long announcedKeys() {
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(Path.of(name))) {
            if (fileSize < BackupFormat.PREAMBLE_BYTES + BackupFormat.TRAILER_BYTES) {
                return -1;
            }
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(BackupFormat.TRAILER_BYTES);
            while (b.hasRemaining() && c.read(b, fileSize - BackupFormat.TRAILER_BYTES + b.position()) > 0) {
                // read the trailer
            }
            byte[] end = Arrays.copyOfRange(b.array(), BackupFormat.TRAILER_BYTES - 8, BackupFormat.TRAILER_BYTES);
            long keys = b.getLong(8);
            return Arrays.equals(end, BackupFormat.END_MAGIC) && keys >= 0 ? keys : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    public BackupReader progress(BackupProgress listener) {
        this.progress = listener;
        return this;
    }

    public BackupHeader header() {
        return header;
    }

    public long fileSize() {
        return fileSize;
    }

    public int formatVersion() {
        return formatVersion;
    }

    /** Records read so far. */
    public long records() {
        return records;
    }

    /** The next record in key order, or null after the last one. */
    public KeyValueEntry next() {
        CommandInterruptedException.throwIfInterrupted();
        while (blockRemaining == 0) {
            if (indexReached) {
                return null;
            }
            nextBlock();
        }
        long recordNumber = records + 1;
        try {
            int keyLen = (int) readVarint(recordNumber);
            byte[] key = take(keyLen, recordNumber, "key");
            int valueLen = (int) readVarint(recordNumber);
            byte[] value = take(valueLen, recordNumber, "value");
            long create = readVarint(recordNumber);
            long mod = readVarint(recordNumber);
            long version = readVarint(recordNumber);
            long lease = readVarint(recordNumber);
            if (previousKey != null && Arrays.compareUnsigned(previousKey, key) >= 0) {
                throw corruptRecord(recordNumber, "key " + KeyText.escape(key) + " is not after the previous key "
                        + KeyText.escape(previousKey));
            }
            if (blockFirst == null) {
                blockFirst = key;
            }
            previousKey = key;
            records++;
            payloadBytes += keyLen + valueLen;
            blockRemaining--;
            if (blockRemaining == 0) {
                if (rawPos != rawLen) {
                    throw corruptRecord(recordNumber, (rawLen - rawPos) + " bytes follow the block's last record");
                }
                blocks.add(new BackupWriter.IndexEntry(blockOffset, (int) (records - blockStartRecords()), blockFirst, key));
            }
            progress.advance(1);
            return new KeyValueEntry(key, value, create, mod, version, lease);
        } catch (ArrayIndexOutOfBoundsException | NegativeArraySizeException e) {
            throw corruptRecord(recordNumber, "a record length runs past the end of its block");
        }
    }

    private long blockStartRecords;

    private long blockStartRecords() {
        return blockStartRecords;
    }

    private void nextBlock() {
        long at = position;
        if (at >= fileSize) {
            throw corrupt(at, "truncated: the file ends at byte " + fileSize + " after block " + blocks.size() + " (record "
                    + records + "), before the index and trailer");
        }
        int tag = readByte("a block or the index");
        if (tag == BackupFormat.INDEX_TAG) {
            indexReached = true;
            readIndex(at);
            return;
        }
        if (tag != BackupFormat.BLOCK_TAG) {
            throw corrupt(at, String.format("expected block %d or the index at byte %d, found byte 0x%02x", blocks.size() + 1, at, tag));
        }
        long blockNumber = blocks.size() + 1;
        int codec = readByte("block " + blockNumber + "'s header");
        int count = readInt();
        int rawLength = readInt();
        int storedLength = readInt();
        int storedCrc = readInt();
        String where = "block " + blockNumber + " at byte " + at + " (records from " + (records + 1) + ")";
        if (count <= 0 || rawLength <= 0 || storedLength <= 0 || rawLength > BackupFormat.MAX_BLOCK_BYTES
                || (codec == BackupFormat.CODEC_STORED && storedLength != rawLength)
                || (codec != BackupFormat.CODEC_STORED && codec != BackupFormat.CODEC_DEFLATE)) {
            throw corrupt(at, where + ": its header is inconsistent (codec " + codec + ", " + Integer.toUnsignedString(count)
                    + " records, " + Integer.toUnsignedString(rawLength) + " bytes, stored in " + Integer.toUnsignedString(storedLength) + ")");
        }
        if (position + storedLength > fileSize) {
            throw corrupt(at, "truncated: " + where + " needs " + storedLength + " bytes but the file ends "
                    + (fileSize - position) + " bytes later, at byte " + fileSize);
        }
        byte[] stored = readFully(storedLength, where);
        if (codec == BackupFormat.CODEC_DEFLATE) {
            if (raw.length < rawLength) {
                raw = new byte[rawLength];
            }
            inflater.reset();
            inflater.setInput(stored);
            int n;
            try {
                n = inflater.inflate(raw, 0, rawLength);
                if (!inflater.finished()) {
                    // exactly full output: the stream must end now
                    n += inflater.inflate(new byte[1]);
                }
            } catch (DataFormatException e) {
                throw corrupt(at, where + ": its compressed data is damaged (" + e.getMessage() + ")");
            }
            if (n != rawLength || !inflater.finished() || inflater.getRemaining() != 0) {
                throw corrupt(at, where + ": its compressed data does not decompress to the " + rawLength + " bytes announced");
            }
        } else {
            raw = stored;
        }
        crc.reset();
        crc.update(raw, 0, rawLength);
        if ((int) crc.getValue() != storedCrc) {
            throw corrupt(at, where + ": CRC32 mismatch (its bytes were altered)");
        }
        rawLen = rawLength;
        rawPos = 0;
        blockRemaining = count;
        blockOffset = at;
        blockFirst = null;
        blockStartRecords = records;
    }

    private void readIndex(long at) {
        int count = readInt();
        if (count != blocks.size()) {
            throw corrupt(at, "the index at byte " + at + " lists " + Integer.toUnsignedString(count) + " blocks, the file has " + blocks.size());
        }
        crc.reset();
        crc.update(BackupFormat.INDEX_TAG);
        crc.update(new byte[] {(byte) (count >>> 24), (byte) (count >>> 16), (byte) (count >>> 8), (byte) count});
        for (int i = 0; i < count; i++) {
            BackupWriter.IndexEntry block = blocks.get(i);
            long offset = readLongCrc();
            int recordCount = readIntCrc();
            byte[] first = readKeyCrc(at);
            byte[] last = readKeyCrc(at);
            if (offset != block.offset() || recordCount != block.records() || !Arrays.equals(first, block.firstKey())
                    || !Arrays.equals(last, block.lastKey())) {
                throw corrupt(at, "the index entry of block " + (i + 1) + " does not match the block at byte " + block.offset());
            }
        }
        int storedCrc = readInt();
        if ((int) crc.getValue() != storedCrc) {
            throw corrupt(at, "the index's CRC32 does not match its bytes (index at byte " + at + ")");
        }
        indexOffset = at;
    }

    private long indexOffset = -1;

    /** Checks the trailer: counts, index offset, SHA-256 and end marker. Call after {@link #next()} returned null. */
    public BackupSummary finish() {
        while (next() != null) {
            // drain: finish() checks the whole file
        }
        long at = position;
        if (fileSize - at != BackupFormat.TRAILER_BYTES) {
            throw corrupt(at, fileSize - at < BackupFormat.TRAILER_BYTES
                    ? "truncated: the trailer at byte " + at + " needs " + BackupFormat.TRAILER_BYTES + " bytes, the file has "
                            + (fileSize - at)
                    : (fileSize - at - BackupFormat.TRAILER_BYTES) + " unexpected bytes after the index, at byte " + at);
        }
        long storedIndex = readLong();
        long storedKeys = readLong();
        long storedBlocks = readLong();
        long storedPayload = readLong();
        byte[] computed = sha.digest();
        byte[] stored = readRaw(32);
        byte[] end = readRaw(8);
        if (!Arrays.equals(end, BackupFormat.END_MAGIC)) {
            throw corrupt(fileSize - 8, "the file does not end with the end marker (truncated or damaged)");
        }
        if (storedIndex != indexOffset || storedKeys != records || storedBlocks != blocks.size() || storedPayload != payloadBytes) {
            throw corrupt(at, "the trailer at byte " + at + " says " + storedKeys + " keys in " + storedBlocks
                    + " blocks with the index at byte " + storedIndex + ", the file has " + records + " keys in " + blocks.size()
                    + " blocks with the index at byte " + indexOffset);
        }
        if (!Arrays.equals(computed, stored)) {
            throw corrupt(at + 32, "SHA-256 mismatch: the trailer (byte " + (at + 32) + ") records " + HexFormat.of().formatHex(stored)
                    + ", the content hashes to " + HexFormat.of().formatHex(computed));
        }
        return new BackupSummary(records, blocks.size(), payloadBytes, fileSize, HexFormat.of().formatHex(stored));
    }

    private long readVarint(long recordNumber) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (rawPos >= rawLen) {
                throw corruptRecord(recordNumber, "a record runs past the end of its block");
            }
            byte b = raw[rawPos++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw corruptRecord(recordNumber, "a malformed length or revision");
    }

    private byte[] take(int len, long recordNumber, String what) {
        if (len < 0 || len > rawLen - rawPos) {
            throw corruptRecord(recordNumber, "its " + what + " length " + len + " runs past the end of its block");
        }
        byte[] out = Arrays.copyOfRange(raw, rawPos, rawPos + len);
        rawPos += len;
        return out;
    }

    private BackupCorruptException corruptRecord(long recordNumber, String problem) {
        return corrupt(blockOffset, "record " + recordNumber + " in block " + (blocks.size() + 1) + " at byte " + blockOffset + ": " + problem);
    }

    private BackupCorruptException corrupt(long offset, String problem) {
        return new BackupCorruptException(name, offset, problem);
    }

    // --- byte-level reads: every byte before the digest feeds the SHA-256 ---

    private int readByte(String what) {
        return readFully(1, what)[0] & 0xff;
    }

    private int readShort() {
        byte[] b = readFully(2, "the preamble");
        return ((b[0] & 0xff) << 8) | (b[1] & 0xff);
    }

    private int readInt() {
        byte[] b = readFully(4, "a length");
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }

    private long readLong() {
        byte[] b = readFully(8, "a number");
        long v = 0;
        for (byte x : b) {
            v = (v << 8) | (x & 0xff);
        }
        return v;
    }

    private long readLongCrc() {
        long v = readLong();
        for (int i = 7; i >= 0; i--) {
            crc.update((int) (v >>> (8 * i)) & 0xff);
        }
        return v;
    }

    private int readIntCrc() {
        int v = readInt();
        for (int i = 3; i >= 0; i--) {
            crc.update((v >>> (8 * i)) & 0xff);
        }
        return v;
    }

    private byte[] readKeyCrc(long indexAt) {
        long len = 0;
        for (int shift = 0; ; shift += 7) {
            int b = readByte("the index");
            crc.update(b);
            len |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                break;
            }
            if (shift > 28) {
                throw corrupt(indexAt, "the index has a malformed key length");
            }
        }
        if (len > BackupFormat.MAX_HEADER_BYTES * 64L || position + len > fileSize) {
            throw corrupt(indexAt, "the index has an impossible key length " + len);
        }
        byte[] key = readFully((int) len, "the index");
        crc.update(key);
        return key;
    }

    private byte[] readFully(int n, String what) {
        byte[] b = readRaw(n, what);
        sha.update(b);
        return b;
    }

    private byte[] readRaw(int n) {
        return readRaw(n, "the trailer");
    }

    private byte[] readRaw(int n, String what) {
        if (position + n > fileSize) {
            throw corrupt(position, "truncated: " + what + " at byte " + position + " needs " + n + " bytes, the file ends at byte " + fileSize);
        }
        try {
            byte[] b = in.readNBytes(n);
            if (b.length != n) {
                throw corrupt(position + b.length, "truncated while reading " + what + " (the file shrank while being read)");
            }
            position += n;
            return b;
        } catch (IOException e) {
            throw RwshException.failed("cannot read " + name + " at byte " + position + ": " + e.getMessage(), e);
        }
    }

    /** bbolt, etcd's database, has its meta magic 0xED0CDAED (little-endian) after the first 16-byte page header. */
    private static boolean looksLikeEtcdSnapshot(Path path) {
        try (InputStream s = Files.newInputStream(path)) {
            byte[] head = s.readNBytes(20);
            return head.length == 20 && (head[16] & 0xff) == 0xED && (head[17] & 0xff) == 0xDA && (head[18] & 0xff) == 0x0C
                    && (head[19] & 0xff) == 0xED;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        inflater.end();
        try {
            in.close();
        } catch (IOException e) {
            // read-only: nothing lost
        }
    }
}
