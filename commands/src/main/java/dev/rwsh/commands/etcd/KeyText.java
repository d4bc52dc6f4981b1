package dev.rwsh.commands.etcd;

import dev.rwsh.commands.RwshException;
import java.io.ByteArrayOutputStream;
import java.util.HexFormat;

/**
 * Shows binary etcd keys as text without mojibake, and reads them back: printable ASCII stays as
 * it is, a backslash is written {@code \\}, and every other byte {@code \xNN}.
 * RisingWave keys are a column family name, a slash and protobuf bytes, so this keeps the
 * readable part readable.
 */
public final class KeyText {
    private KeyText() {
    }

    public static String escape(byte[] bytes) {
        StringBuilder out = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xff;
            if (c == '\\') {
                out.append("\\\\");
            } else if (c >= 0x20 && c < 0x7f) {
                out.append((char) c);
            } else {
                out.append("\\x").append(HexFormat.of().toHexDigits((byte) c));
            }
        }
        return out.toString();
    }

    /** The inverse of {@link #escape}: also accepts any non-ASCII character as its UTF-8 bytes. */
    public static byte[] unescape(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != '\\') {
                if (c < 0x80) {
                    out.write(c);
                } else {
                    byte[] utf8 = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    out.write(utf8, 0, utf8.length);
                }
                continue;
            }
            if (i + 1 >= text.length()) {
                throw RwshException.usage("key '" + text + "' ends with a lone backslash: write \\\\ for a backslash");
            }
            char next = text.charAt(++i);
            if (next == '\\') {
                out.write('\\');
            } else if (next == 'x' && isHex(text, i + 1)) {
                out.write(HexFormat.fromHexDigits(text, i + 1, i + 3));
                i += 2;
            } else {
                throw RwshException.usage("key '" + text + "' has an unknown escape '\\" + next + "': use \\xNN or \\\\");
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(String text, int from) {
        return from + 2 <= text.length() && HexFormat.isHexDigit(text.charAt(from)) && HexFormat.isHexDigit(text.charAt(from + 1));
    }
}
