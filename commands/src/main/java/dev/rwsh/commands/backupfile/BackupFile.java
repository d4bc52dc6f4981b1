package dev.rwsh.commands.backupfile;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rwsh.commands.CommandInterruptedException;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.etcd.KeyValueEntry;
import dev.rwsh.commands.etcd.Keyspace;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A backup opened for random access: the read-only source behind {@code connect etcd --backup}.
 * Opening reads the header, the trailer and the block index (one entry per block of about
 * 256 KiB: first key, last key, record count, offset), and checks the SHA-256 over the whole file
 * in one sequential pass. Reads then decode only the blocks a key or prefix can be in; each block's
 * CRC32 is checked when it is decoded.
 */
public final class BackupFile implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path path;
    private final FileChannel channel;
    private final BackupHeader header;
    private final BackupSummary summary;
    private final List<BackupWriter.IndexEntry> index;
    private final long indexOffset;
    /** The last decoded block, for repeated gets in one neighbourhood. */
    private volatile DecodedBlock cached;

    private record DecodedBlock(int number, byte[] raw, int length) {
    }

    private BackupFile(Path path, FileChannel channel, BackupHeader header, BackupSummary summary,
            List<BackupWriter.IndexEntry> index, long indexOffset) {
        this.path = path;
        this.channel = channel;
        this.header = header;
        this.summary = summary;
        this.index = index;
        this.indexOffset = indexOffset;
    }

    /**
     * Opens {@code path}; with {@code checkSha} the whole file is hashed and compared with its
     * trailer first (about the cost of reading the file once).
     */
    public static BackupFile open(Path path, boolean checkSha) {
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        } catch (NoSuchFileException e) {
            throw RwshException.failed("no backup file " + path);
        } catch (IOException e) {
            throw RwshException.failed("cannot read " + path + ": " + e.getMessage(), e);
        }
        try {
            return read(path, channel, checkSha);
        } catch (RuntimeException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // report the first error
            }
            throw e;
        }
    }

    private static BackupFile read(Path path, FileChannel channel, boolean checkSha) {
        String name = path.toString();
        long size = size(channel, name);
        if (size < BackupFormat.PREAMBLE_BYTES + BackupFormat.TRAILER_BYTES) {
            // The sequential reader words every such case precisely.
            verifyFully(path);
        }
        ByteBuffer pre = readAt(channel, name, 0, BackupFormat.PREAMBLE_BYTES);
        byte[] magic = new byte[8];
        pre.get(magic);
        int version = pre.getShort() & 0xffff;
        pre.getShort();
        int headerLength = pre.getInt();
        ByteBuffer trailer = readAt(channel, name, size - BackupFormat.TRAILER_BYTES, BackupFormat.TRAILER_BYTES);
        long indexOffset = trailer.getLong();
        long keys = trailer.getLong();
        long blocks = trailer.getLong();
        long payload = trailer.getLong();
        byte[] sha = new byte[32];
        trailer.get(sha);
        byte[] end = new byte[8];
        trailer.get(end);
        if (!Arrays.equals(magic, BackupFormat.MAGIC) || version < 1 || version > BackupFormat.VERSION
                || headerLength < 2 || headerLength > BackupFormat.MAX_HEADER_BYTES
                || !Arrays.equals(end, BackupFormat.END_MAGIC)
                || indexOffset < BackupFormat.PREAMBLE_BYTES + headerLength + 4 || indexOffset >= size - BackupFormat.TRAILER_BYTES
                || blocks < 0 || blocks > size / BackupFormat.BLOCK_HEADER_BYTES) {
            verifyFully(path); // names the problem and where it is
            throw new BackupCorruptException(name, -1, "its structure is inconsistent");
        }
        byte[] json = new byte[headerLength];
        readAt(channel, name, BackupFormat.PREAMBLE_BYTES, headerLength).get(json);
        BackupHeader header;
        try {
            header = JSON.readValue(json, BackupHeader.class);
        } catch (IOException e) {
            verifyFully(path);
            throw new BackupCorruptException(name, BackupFormat.PREAMBLE_BYTES, "the header is not valid JSON");
        }
        if (checkSha) {
            byte[] computed = sha256(channel, name, size - BackupFormat.TRAILER_BYTES + 32);
            if (!Arrays.equals(computed, sha)) {
                verifyFully(path);
                throw new BackupCorruptException(name, size - BackupFormat.TRAILER_BYTES + 32, "SHA-256 mismatch");
            }
        }
        int indexLength = (int) (size - BackupFormat.TRAILER_BYTES - indexOffset);
        ByteBuffer ix = readAt(channel, name, indexOffset, indexLength);
        List<BackupWriter.IndexEntry> index = new ArrayList<>((int) blocks);
        try {
            CRC32 crc = new CRC32();
            crc.update(ix.duplicate().limit(indexLength - 4));
            if (ix.get() != BackupFormat.INDEX_TAG || ix.getInt() != blocks || (int) crc.getValue() != ix.getInt(indexLength - 4)) {
                throw new IllegalArgumentException();
            }
            for (long i = 0; i < blocks; i++) {
                long offset = ix.getLong();
                int records = ix.getInt();
                index.add(new BackupWriter.IndexEntry(offset, records, key(ix), key(ix)));
            }
        } catch (RuntimeException e) {
            verifyFully(path);
            throw new BackupCorruptException(name, indexOffset, "the index is damaged");
        }
        BackupSummary summary = new BackupSummary(keys, blocks, payload, size, HexFormat.of().formatHex(sha));
        return new BackupFile(path, channel, header, summary, index, indexOffset);
    }

    /** Runs the sequential check, which throws a precise {@link BackupCorruptException}. */
    private static void verifyFully(Path path) {
        try (BackupReader reader = BackupReader.open(path)) {
            reader.finish();
        }
    }

    private static byte[] key(ByteBuffer b) {
        long len = 0;
        for (int shift = 0; ; shift += 7) {
            byte x = b.get();
            len |= (long) (x & 0x7F) << shift;
            if ((x & 0x80) == 0) {
                break;
            }
        }
        byte[] key = new byte[Math.toIntExact(len)];
        b.get(key);
        return key;
    }

    public Path path() {
        return path;
    }

    public BackupHeader header() {
        return header;
    }

    public BackupSummary summary() {
        return summary;
    }

    /** The backup as a read-only keyspace at the backup's revision. */
    public Keyspace keyspace() {
        return new BackupKeyspace();
    }

    private final class BackupKeyspace implements Keyspace {
        @Override
        public long revision() {
            return header.revision();
        }

        @Override
        public Optional<KeyValueEntry> get(byte[] key) {
            int b = lastBlockStartingAtOrBefore(key);
            if (b < 0 || Arrays.compareUnsigned(index.get(b).lastKey(), key) < 0) {
                return Optional.empty();
            }
            KeyValueEntry[] found = {null};
            forEachRecord(b, false, e -> {
                int c = Arrays.compareUnsigned(e.key(), key);
                if (c == 0) {
                    found[0] = e;
                }
                return c < 0;
            });
            return Optional.ofNullable(found[0]);
        }

        @Override
        public long count(byte[] prefix) {
            long count = 0;
            for (int b = firstBlockEndingAtOrAfter(prefix); b < index.size(); b++) {
                BackupWriter.IndexEntry e = index.get(b);
                if (pastPrefix(e.firstKey(), prefix)) {
                    break;
                }
                if (startsWith(e.firstKey(), prefix) && startsWith(e.lastKey(), prefix)) {
                    count += e.records(); // sorted: every key between two keys with the prefix has it too
                    continue;
                }
                long[] n = {0};
                forEachRecord(b, true, r -> {
                    if (startsWith(r.key(), prefix)) {
                        n[0]++;
                    }
                    return !pastPrefix(r.key(), prefix);
                });
                count += n[0];
            }
            return count;
        }

        @Override
        public void scan(byte[] prefix, boolean keysOnly, Predicate<KeyValueEntry> sink) {
            boolean[] stop = {false};
            for (int b = firstBlockEndingAtOrAfter(prefix); b < index.size() && !stop[0]; b++) {
                if (pastPrefix(index.get(b).firstKey(), prefix)) {
                    return;
                }
                forEachRecord(b, keysOnly, r -> {
                    CommandInterruptedException.throwIfInterrupted();
                    if (pastPrefix(r.key(), prefix)) {
                        stop[0] = true;
                        return false;
                    }
                    if (startsWith(r.key(), prefix) && !sink.test(r)) {
                        stop[0] = true;
                        return false;
                    }
                    return true;
                });
            }
        }
    }

    /** The last block whose first key is {@code <= key}, or -1. */
    private int lastBlockStartingAtOrBefore(byte[] key) {
        int lo = 0;
        int hi = index.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Arrays.compareUnsigned(index.get(mid).firstKey(), key) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return found;
    }

    /** The first block whose last key is {@code >= from}, or the block count. */
    private int firstBlockEndingAtOrAfter(byte[] from) {
        int lo = 0;
        int hi = index.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (Arrays.compareUnsigned(index.get(mid).lastKey(), from) < 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    static boolean startsWith(byte[] key, byte[] prefix) {
        return key.length >= prefix.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    /** Whether {@code key} sorts after every key that starts with {@code prefix}. */
    static boolean pastPrefix(byte[] key, byte[] prefix) {
        return !startsWith(key, prefix) && Arrays.compareUnsigned(key, prefix) > 0;
    }

    /** Decodes block {@code b} and hands its records to {@code sink} until it returns false. */
    private void forEachRecord(int b, boolean keysOnly, Predicate<KeyValueEntry> sink) {
        DecodedBlock block = decode(b);
        byte[] raw = block.raw();
        int[] pos = {0};
        for (int i = 0; i < index.get(b).records(); i++) {
            int keyLen = (int) varint(raw, pos);
            byte[] key = Arrays.copyOfRange(raw, pos[0], pos[0] + keyLen);
            pos[0] += keyLen;
            int valueLen = (int) varint(raw, pos);
            byte[] value = keysOnly ? null : Arrays.copyOfRange(raw, pos[0], pos[0] + valueLen);
            pos[0] += valueLen;
            long create = varint(raw, pos);
            long mod = varint(raw, pos);
            long version = varint(raw, pos);
            long lease = varint(raw, pos);
            if (!sink.test(new KeyValueEntry(key, value, create, mod, version, lease))) {
                return;
            }
        }
    }

    private static long varint(byte[] raw, int[] pos) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = raw[pos[0]++];
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }

    private DecodedBlock decode(int b) {
        DecodedBlock hit = cached;
        if (hit != null && hit.number() == b) {
            return hit;
        }
        String name = path.toString();
        long offset = index.get(b).offset();
        ByteBuffer head = readAt(channel, name, offset, BackupFormat.BLOCK_HEADER_BYTES);
        byte tag = head.get();
        byte codec = head.get();
        int records = head.getInt();
        int rawLength = head.getInt();
        int storedLength = head.getInt();
        int crcValue = head.getInt();
        String where = "block " + (b + 1) + " at byte " + offset;
        if (tag != BackupFormat.BLOCK_TAG || records != index.get(b).records() || rawLength <= 0 || storedLength <= 0
                || rawLength > BackupFormat.MAX_BLOCK_BYTES || offset + BackupFormat.BLOCK_HEADER_BYTES + storedLength > indexOffset) {
            throw new BackupCorruptException(name, offset, where + ": its header does not match the index");
        }
        byte[] stored = new byte[storedLength];
        readAt(channel, name, offset + BackupFormat.BLOCK_HEADER_BYTES, storedLength).get(stored);
        byte[] raw;
        if (codec == BackupFormat.CODEC_DEFLATE) {
            raw = new byte[rawLength];
            Inflater inflater = new Inflater(true);
            try {
                inflater.setInput(stored);
                if (inflater.inflate(raw) != rawLength) {
                    throw new DataFormatException("short");
                }
            } catch (DataFormatException e) {
                throw new BackupCorruptException(name, offset, where + ": its compressed data is damaged");
            } finally {
                inflater.end();
            }
        } else {
            raw = stored;
        }
        CRC32 crc = new CRC32();
        crc.update(raw, 0, rawLength);
        if ((int) crc.getValue() != crcValue) {
            throw new BackupCorruptException(name, offset, where + ": CRC32 mismatch (its bytes were altered)");
        }
        DecodedBlock block = new DecodedBlock(b, raw, rawLength);
        cached = block;
        return block;
    }

    private static long size(FileChannel channel, String name) {
        try {
            return channel.size();
        } catch (IOException e) {
            throw RwshException.failed("cannot read " + name + ": " + e.getMessage(), e);
        }
    }

    private static ByteBuffer readAt(FileChannel channel, String name, long offset, int length) {
        ByteBuffer buf = ByteBuffer.allocate(length);
        try {
            while (buf.hasRemaining()) {
                if (channel.read(buf, offset + buf.position()) < 0) {
                    throw new BackupCorruptException(name, offset, "truncated at byte " + (offset + buf.position()));
                }
            }
        } catch (IOException e) {
            throw RwshException.failed("cannot read " + name + " at byte " + offset + ": " + e.getMessage(), e);
        }
        return buf.flip();
    }

    private static byte[] sha256(FileChannel channel, String name, long length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            ByteBuffer buf = ByteBuffer.allocateDirect(1 << 20);
            long pos = 0;
            while (pos < length) {
                buf.clear().limit((int) Math.min(buf.capacity(), length - pos));
                int n = channel.read(buf, pos);
                if (n < 0) {
                    break;
                }
                buf.flip();
                sha.update(buf);
                pos += n;
            }
            return sha.digest();
        } catch (IOException e) {
            throw RwshException.failed("cannot read " + name + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // read-only
        }
    }
}
