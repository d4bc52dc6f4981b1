package dev.rwsh.commands.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CanonicalJsonTest {
    @Test
    void answersForWhatMigrateWritesAndWhatJsonbAndMysqlReturn() {
        for (String text : List.of("[]", "{}", "[1,2,-3]", "{\"1\":[2,3],\"10\":[4],\"9\":[]}", "[1, 2, 3]",
                "{\"a\": 1, \"b\": [true, false, null]}", " {\"a\" : \"x y/z\" }\n", "\"text\"", "42", "null",
                "[123456789012345678]", "{\"\":0,\"a\":{\"b\":[[]]}}")) {
            String fast = CanonicalJson.of(text);
            assertNotNull(fast, text);
            assertEquals(DiffValues.jsonByJackson(text).text(), fast, text);
        }
    }

    @Test
    void aCanonicalTextIsItselfNotACopy() {
        String text = "{\"1\":[2,3],\"10\":[4]}";
        assertSame(text, CanonicalJson.of(text));
    }

    @Test
    void leavesToJacksonWhatItCannotBeSureOf() {
        for (String text : List.of("{\"b\":1,\"a\":2}", "{\"a\":1,\"a\":2}", "{\"9\": [], \"10\": []}", "[1.5]", "[1e3]", "[-0]",
                "[01]", "[1234567890123456789]", "[\"a\\\"b\"]", "[\"\\u00e9\"]", "[\"é\"]", "[\"\u007f\"]", "", "  ", "[1,]",
                "[1 2]", "[1] [2]", "nul", "truex", "[true1]", "{\"a\"}", "{1:2}", "+1", "NaN", "[", "\"open")) {
            assertNull(CanonicalJson.of(text), text);
        }
        // and Jackson then gives what diff always gave them
        assertEquals("{\"a\":2,\"b\":1}", DiffValues.json("{\"b\":1,\"a\":2}").text());
        assertEquals("[1.5]", DiffValues.json("[1.5]").text());
        assertEquals("[1,]", DiffValues.json("[1,]").text());
    }

    @Test
    void deepNestingIsLeftToJackson() {
        String deep = "[".repeat(100) + "]".repeat(100);
        assertNull(CanonicalJson.of(deep));
        assertEquals(DiffValues.jsonByJackson(deep).text(), DiffValues.json(deep).text());
    }

    /** Random JSON (sorted and unsorted keys, spaces, numbers of every kind, escapes): wherever the scan answers, Jackson agrees. */
    @Test
    void agreesWithJacksonOnRandomJson() {
        Random random = new Random(16);
        int answered = 0;
        for (int i = 0; i < 20_000; i++) {
            String text = randomValue(random, 0);
            String fast = CanonicalJson.of(text);
            if (fast != null) {
                answered++;
                assertEquals(DiffValues.jsonByJackson(text).text(), fast, text);
            }
            assertEquals(DiffValues.jsonByJackson(text).text(), DiffValues.json(text).text(), text);
        }
        assertTrue(answered > 2_000, "the scan answered only " + answered + " of 20000");
    }

    private static String randomValue(Random r, int depth) {
        int kind = depth > 3 ? 2 + r.nextInt(4) : r.nextInt(6);
        String sp = r.nextInt(4) == 0 ? " " : "";
        switch (kind) {
            case 0: {
                StringBuilder b = new StringBuilder("[" + sp);
                int n = r.nextInt(4);
                for (int i = 0; i < n; i++) {
                    b.append(i > 0 ? "," + sp : "").append(randomValue(r, depth + 1));
                }
                return b.append(sp).append(']').toString();
            }
            case 1: {
                StringBuilder b = new StringBuilder("{" + sp);
                int n = r.nextInt(4);
                String[] keys = new String[n];
                for (int i = 0; i < n; i++) {
                    keys[i] = randomString(r);
                }
                if (r.nextBoolean()) {
                    java.util.Arrays.sort(keys);
                }
                for (int i = 0; i < n; i++) {
                    b.append(i > 0 ? "," + sp : "").append(keys[i]).append(sp).append(':').append(sp).append(randomValue(r, depth + 1));
                }
                return b.append(sp).append('}').toString();
            }
            case 2:
                return randomString(r);
            case 3:
                return List.of("true", "false", "null").get(r.nextInt(3));
            case 4:
                return switch (r.nextInt(6)) {
                    case 0 -> Long.toString(r.nextLong());
                    case 1 -> Integer.toString(r.nextInt(2000) - 1000);
                    case 2 -> "0";
                    case 3 -> "-0";
                    case 4 -> r.nextInt(100) + "." + r.nextInt(100);
                    default -> r.nextInt(10) + "e" + r.nextInt(5);
                };
            default:
                return r.nextInt(8) == 0 ? "[1" : "1";
        }
    }

    private static String randomString(Random r) {
        String alphabet = "ab1 /\"\\é\t";
        StringBuilder b = new StringBuilder("\"");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
            char c = alphabet.charAt(r.nextInt(alphabet.length()));
            b.append(c == '"' || c == '\\' ? "\\" + c : c == '\t' ? "\\t" : String.valueOf(c));
        }
        return b.append('"').toString();
    }
}
