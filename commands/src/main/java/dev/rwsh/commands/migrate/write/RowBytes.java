package dev.rwsh.commands.migrate.write;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Rows encoded as text for a bulk load ({@link PostgresCopy}, {@link MysqlLoadData}): a growable
 * byte buffer without ByteArrayOutputStream's per-byte locking (a third of the encoding time).
 */
final class RowBytes {
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    byte[] bytes = new byte[64 << 10];
    int size;

    private void room(int n) {
        if (size + n > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
        }
    }

    void write(int b) {
        room(1);
        bytes[size++] = (byte) b;
    }

    void hex(byte[] data) {
        room(data.length * 2);
        for (byte b : data) {
            bytes[size++] = HEX[(b >> 4) & 0xf];
            bytes[size++] = HEX[b & 0xf];
        }
    }

    void ascii(String s) {
        room(s.length());
        for (int i = 0; i < s.length(); i++) {
            bytes[size++] = (byte) s.charAt(i);
        }
    }

    void utf8(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        room(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    int size() {
        return size;
    }

    /**
     * Text in the bulk loads' tab-separated format: backslash, tab, newline and carriage return as
     * backslash escapes (both COPY's text format and LOAD DATA's default {@code ESCAPED BY '\\'}); NUL
     * as {@code \0} only where {@code escapeNul} (LOAD DATA; PostgreSQL's text cannot hold a NUL at all).
     */
    void escapedText(String s, boolean escapeNul) {
        int from = 0;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            char escaped = switch (ch) {
                case '\\' -> '\\';
                case '\t' -> 't';
                case '\n' -> 'n';
                case '\r' -> 'r';
                case '\0' -> escapeNul ? '0' : 0;
                default -> 0;
            };
            if (escaped != 0) {
                utf8(s.substring(from, i));
                write('\\');
                write(escaped);
                from = i + 1;
            }
        }
        utf8(from == 0 ? s : s.substring(from));
    }
}
