package dev.rwsh.commands.meta;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;

/**
 * Value bytes: model values are protobuf, gzip-compressed when their encoding is larger than
 * 1 MiB; counters are 8-byte big-endian unsigned numbers.
 */
public final class MetaValues {
    /** A model value whose encoding is longer than this is stored gzip-compressed. */
    public static final int COMPRESSION_THRESHOLD = 1 << 20;
    /** The header RisingWave's gzip writer puts first: no flags, no time, unknown OS. */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private MetaValues() {
    }

    /**
     * Whether a model value is gzip-compressed: it starts with a gzip header (magic, deflate, no
     * reserved flag bits). A protobuf message never starts with 0x1f, so nothing else matches.
     */
    public static boolean isGzip(byte[] value) {
        return value.length >= 10 && value[0] == 0x1f && value[1] == (byte) 0x8b && value[2] == 8 && (value[3] & 0xe0) == 0;
    }

    public static byte[] gunzip(byte[] value) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(value), 64 * 1024)) {
            return in.readAllBytes();
        }
    }

    /** The model value's protobuf bytes, inflated if they were stored compressed. */
    public static byte[] modelBytes(byte[] stored) throws IOException {
        return isGzip(stored) ? gunzip(stored) : stored;
    }

    /** What RisingWave stores for a model value of these protobuf bytes. */
    public static byte[] encodeModel(byte[] protobuf) {
        return protobuf.length > COMPRESSION_THRESHOLD ? gzip(protobuf) : protobuf;
    }

    /** gzip with RisingWave's header and deflate level 6. */
    public static byte[] gzip(byte[] raw) {
        Deflater deflater = new Deflater(6, true);
        try {
            deflater.setInput(raw);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 4 + 64);
            out.write(GZIP_HEADER, 0, GZIP_HEADER.length);
            byte[] buf = new byte[64 * 1024];
            while (!deflater.finished()) {
                int n = deflater.deflate(buf);
                out.write(buf, 0, n);
            }
            CRC32 crc = new CRC32();
            crc.update(raw);
            writeIntLe(out, (int) crc.getValue());
            writeIntLe(out, raw.length);
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static void writeIntLe(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }

    /** An 8-byte big-endian unsigned counter. */
    public static long decodeU64(byte[] value) {
        if (value.length != 8) {
            throw new IllegalArgumentException("a counter is 8 bytes (big-endian u64), this value has " + value.length);
        }
        return ByteBuffer.wrap(value).getLong();
    }

    public static byte[] encodeU64(long value) {
        return ByteBuffer.allocate(8).putLong(value).array();
    }
}
