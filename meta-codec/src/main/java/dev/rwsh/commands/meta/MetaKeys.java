package dev.rwsh.commands.meta;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.rwsh.proto.common.HostAddress;
import java.io.IOException;
import java.util.Arrays;

/**
 * Key bytes of RisingWave's model column families. A numeric key is the protobuf encoding of a
 * message whose only field (number 1) holds the number, so it is {@code 08} followed by the varint,
 * and nothing at all for 0. A worker's key is its {@code common.HostAddress} message.
 */
public final class MetaKeys {
    /** Names of keys in the {@code default} column family. */
    public static final String NOTIFICATION_VERSION = "notification_version";
    public static final String TABLE_REVISION = "table_revision";
    public static final String MIGRATION_PLAN = "migration_plan";
    /** An id generator's key is its category followed by this. */
    public static final String ID_GENERATOR_SUFFIX = "_id_next_generator";

    private MetaKeys() {
    }

    /** The key bytes of id {@code id} (an unsigned 32- or 64-bit number): empty for 0. */
    public static byte[] encodeId(long id) {
        if (id == 0) {
            return new byte[0];
        }
        byte[] out = new byte[1 + CodedOutputStream.computeUInt64SizeNoTag(id)];
        out[0] = 0x08;
        int at = 1;
        long v = id;
        while ((v & ~0x7fL) != 0) {
            out[at++] = (byte) ((v & 0x7f) | 0x80);
            v >>>= 7;
        }
        out[at] = (byte) v;
        return out;
    }

    /**
     * The id in numeric key bytes. Accepts exactly what a protobuf reader of the one-field
     * wrapper accepts without surprises: nothing (0), or field 1 as a varint, once.
     *
     * @throws KeyFormatException when the bytes are not such a key, or the number exceeds {@code maxBits}
     */
    public static long decodeId(byte[] key, int maxBits) {
        if (key.length == 0) {
            return 0;
        }
        try {
            CodedInputStream in = CodedInputStream.newInstance(key);
            int tag = in.readTag();
            if (tag != 0x08) {
                throw new KeyFormatException("key starts with protobuf tag " + tag + ", not field 1 as a varint (08)");
            }
            long id = in.readRawVarint64();
            if (!in.isAtEnd()) {
                throw new KeyFormatException("key has " + (key.length - in.getTotalBytesRead()) + " bytes after the id");
            }
            if (maxBits < 64 && (id >>> maxBits) != 0) {
                throw new KeyFormatException("key holds " + Long.toUnsignedString(id) + ", more than a u" + maxBits);
            }
            return id;
        } catch (InvalidProtocolBufferException e) {
            throw new KeyFormatException("key is not a protobuf varint: " + e.getMessage());
        } catch (IOException e) {
            throw new KeyFormatException("key is not readable: " + e.getMessage());
        }
    }

    public static byte[] encodeHost(HostAddress host) {
        return ProstEncoder.encode(host);
    }

    public static HostAddress decodeHost(byte[] key) {
        try {
            return HostAddress.parseFrom(key);
        } catch (InvalidProtocolBufferException e) {
            throw new KeyFormatException("key is not a HostAddress message: " + e.getMessage());
        }
    }

    /** "host:port" of a worker key. */
    public static String hostText(HostAddress host) {
        return host.getHost() + ":" + host.getPort();
    }

    /** Parses "HOST:PORT" (the last colon separates the port, so IPv6 hosts need no brackets). */
    public static HostAddress parseHost(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new KeyFormatException("'" + text + "' is not HOST:PORT");
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            return HostAddress.newBuilder().setHost(host).setPort(Integer.parseInt(text.substring(colon + 1))).build();
        } catch (NumberFormatException e) {
            throw new KeyFormatException("'" + text + "' has no numeric port");
        }
    }

    /** Compares key bytes the way etcd orders them: unsigned, byte by byte. */
    public static int compare(byte[] a, byte[] b) {
        return Arrays.compareUnsigned(a, b);
    }

    /** A key that is not in its family's encoding. */
    public static final class KeyFormatException extends RuntimeException {
        public KeyFormatException(String message) {
            super(message);
        }
    }
}
