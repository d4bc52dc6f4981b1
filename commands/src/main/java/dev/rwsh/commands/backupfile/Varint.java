package dev.rwsh.commands.backupfile;

/** Unsigned LEB128 integers (protobuf's varints), as the record encoding uses them. */
public final class Varint {
    private Varint() {
    }

    public static int size(long value) {
        int n = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            n++;
        }
        return n;
    }

    /** Writes {@code value} at {@code pos}; returns the position after it. */
    static int write(byte[] buf, int pos, long value) {
        while ((value & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[pos++] = (byte) value;
        return pos;
    }
}
