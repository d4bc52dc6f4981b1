package dev.rwsh.commands.meta;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
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
    /**
     * The most one compressed value may inflate to. RisingWave's values are far smaller (etcd takes
     * requests of 1.5 MiB by default, and rwsh reads no etcd response above 256 MiB); a value that
     * inflates further is a gzip bomb or damage, and inflating it in full would exhaust the heap.
     */
    public static final long MAX_INFLATED_BYTES = 256L << 20;
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
        try (InputStream in = gunzipStream(value)) {
            return in.readAllBytes();
        }
    }

    /** The model value's protobuf bytes, inflated if they were stored compressed. */
    public static byte[] modelBytes(byte[] stored) throws IOException {
        return isGzip(stored) ? gunzip(stored) : stored;
    }

    /**
     * The model value's protobuf bytes as a stream, inflated as they are read (so a parser never
     * holds the inflated bytes and the message at once). A compressed value fails with
     * {@link InflatedTooLargeException} once it inflates past {@link #MAX_INFLATED_BYTES}, and
     * with {@link NotGzipException} when its compressed data is damaged.
     */
    public static InputStream modelStream(byte[] stored) throws IOException {
        return isGzip(stored) ? gunzipStream(stored) : new ByteArrayInputStream(stored);
    }

    private static InputStream gunzipStream(byte[] value) throws IOException {
        try {
            return new CappedInflation(new GZIPInputStream(new ByteArrayInputStream(value), 64 * 1024));
        } catch (IOException e) {
            throw new NotGzipException(e);
        }
    }

    /** A compressed value inflated past {@link #MAX_INFLATED_BYTES}: a gzip bomb or damage, never RisingWave's own value. */
    public static final class InflatedTooLargeException extends IOException {
        InflatedTooLargeException() {
            super("value inflates to more than " + MAX_INFLATED_BYTES + " bytes (" + (MAX_INFLATED_BYTES >> 20)
                    + " MiB), rwsh's cap for one value (RisingWave's own values are far smaller): it is damaged or was"
                    + " not written by RisingWave; restore this key from a backup of the cluster");
        }
    }

    /** A value with a gzip header whose compressed data does not inflate. */
    public static final class NotGzipException extends IOException {
        NotGzipException(IOException cause) {
            super("value has a gzip header but does not inflate: " + cause.getMessage(), cause);
        }
    }

    /** Counts inflated bytes and stops at the cap; turns the inflater's errors into {@link NotGzipException}. */
    private static final class CappedInflation extends FilterInputStream {
        private long inflated;

        CappedInflation(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = in.read(b, off, (int) Math.min(len, MAX_INFLATED_BYTES + 1 - inflated));
            } catch (IOException e) {
                throw new NotGzipException(e);
            }
            if (n > 0) {
                inflated += n;
                if (inflated > MAX_INFLATED_BYTES) {
                    throw new InflatedTooLargeException();
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buf = new byte[(int) Math.min(n, 8192)];
            int read = read(buf, 0, buf.length);
            return Math.max(read, 0);
        }
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
