package dev.rwsh.commands.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyFormattingTest {

    @Test
    void treeGroupsByLeadingSegments() {
        assertEquals("cf/", TreeCommand.groupOf("cf/catalog_table/\\x08\\x01", 1));
        assertEquals("cf/catalog_table/", TreeCommand.groupOf("cf/catalog_table/\\x08\\x01", 2));
        assertEquals("cluster_id", TreeCommand.groupOf("cluster_id", 2));
    }

    @Test
    void printableTextAcceptsUtf8AndRejectsControlBytes() {
        assertEquals("550e8400-e29b", GetCommand.printableText("550e8400-e29b".getBytes(StandardCharsets.UTF_8)));
        assertEquals("naïve\n", GetCommand.printableText("naïve\n".getBytes(StandardCharsets.UTF_8)));
        assertNull(GetCommand.printableText(new byte[] {0x08, 0x01}));
        assertNull(GetCommand.printableText(new byte[] {(byte) 0xc3}));
    }

    @Test
    void hexDumpShowsOffsetsHexAndAscii() {
        byte[] value = "0123456789abcdefXY".getBytes(StandardCharsets.US_ASCII);
        String dump = GetCommand.hexDump(value);
        assertEquals("00000000  30 31 32 33 34 35 36 37  38 39 61 62 63 64 65 66  |0123456789abcdef|\n"
                + "00000010  58 59                                             |XY|", dump);
    }
}
