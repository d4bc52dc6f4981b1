package dev.rwsh.commands.etcd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.rwsh.commands.RwshException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeyTextTest {

    @Test
    void escapesBinaryButKeepsTheReadablePart() {
        byte[] key = {'c', 'f', '/', 't', '/', 0x08, (byte) 0xe9, 0x07, '\\'};
        assertEquals("cf/t/\\x08\\xe9\\x07\\\\", KeyText.escape(key));
    }

    @Test
    void unescapeInvertsEscapeForEveryByteSequence() {
        Random random = new Random(42);
        for (int i = 0; i < 1000; i++) {
            byte[] bytes = new byte[random.nextInt(20)];
            random.nextBytes(bytes);
            assertArrayEquals(bytes, KeyText.unescape(KeyText.escape(bytes)));
        }
    }

    @Test
    void unescapeTakesNonAsciiAsUtf8() {
        assertArrayEquals("é".getBytes(StandardCharsets.UTF_8), KeyText.unescape("é"));
    }

    @Test
    void rejectsBrokenEscapes() {
        assertThrows(RwshException.class, () -> KeyText.unescape("a\\"));
        assertThrows(RwshException.class, () -> KeyText.unescape("\\q"));
        assertThrows(RwshException.class, () -> KeyText.unescape("\\x4"));
    }

    @Test
    void prefixRangeEndsAtTheNextPrefix() {
        KeyRange r = KeyRange.prefix("cf/".getBytes(StandardCharsets.US_ASCII));
        assertArrayEquals("cf0".getBytes(StandardCharsets.US_ASCII), r.end());
        KeyRange tail = KeyRange.prefix(new byte[] {'a', (byte) 0xff});
        assertArrayEquals(new byte[] {'b'}, tail.end());
        KeyRange all = KeyRange.prefix(new byte[0]);
        assertArrayEquals(new byte[] {0}, all.start());
        assertArrayEquals(new byte[] {0}, all.end());
    }
}
