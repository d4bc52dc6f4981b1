package dev.rwsh.commands.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ExpectedRowsTest {
    private static final CanonicalSink.Shape A = new CanonicalSink.Shape(new String[] {"a"}, new Object[1], new int[0]);
    private static final CanonicalSink.Shape B = new CanonicalSink.Shape(new String[] {"b"}, new Object[1], new int[0]);

    @Test
    void integerKeysAreHeldAsLongsNotTexts() {
        ExpectedRows one = new ExpectedRows(1);
        ExpectedRows two = new ExpectedRows(2);
        for (int i = 0; i < 200_000; i++) {
            one.put(Integer.toString(i - 100), i, A);
            two.put(i + "/" + (i % 7 - 3), i, A);
        }
        assertEquals(0, one.textKeys());
        assertEquals(0, two.textKeys());
        assertEquals(200_000, one.size());
        assertEquals(7, one.fingerprint(one.take("-93")));
        assertEquals(11, two.fingerprint(two.take("11/1")));
    }

    @Test
    void keysThatAreNotPlainIntegersAreTexts() {
        ExpectedRows one = new ExpectedRows(1);
        for (String k : List.of("007", "-0", "+1", "1/2", "", "1234567890123456789", "name", "1 ")) {
            assertEquals(Long.MIN_VALUE, one.pack(k), k);
        }
        ExpectedRows two = new ExpectedRows(2);
        for (String k : List.of("1", "1/2/3", "1/2#2", "2147483648/1", "1/-2147483649", "01/2", "1/")) {
            assertEquals(Long.MIN_VALUE, two.pack(k), k);
        }
        assertEquals(-5L << 32 | 7, two.pack("-5/7"));
        assertEquals(Long.MIN_VALUE, new ExpectedRows(3).pack("1/2/3"));
    }

    /**
     * Put, take and what is left behave as the {@code HashMap<String, ?>} diff kept before, order of the
     * rows left included: mixed integer and text keys, keys put twice, taken twice or never put, and
     * text keys of equal hash codes ("Aa" and "BB") that make the map turn bins into trees.
     */
    @Test
    void behavesAsAMapOfTexts() {
        Random random = new Random(16);
        for (int round = 0; round < 40; round++) {
            int arity = 1 + round % 2;
            ExpectedRows rows = new ExpectedRows(arity);
            Map<String, long[]> map = new HashMap<>();
            List<String> keys = new ArrayList<>();
            int n = 1 + random.nextInt(round % 4 == 0 ? 3000 : 60);
            for (int i = 0; i < n; i++) {
                String k = randomKey(random, arity);
                keys.add(k);
                CanonicalSink.Shape shape = random.nextBoolean() ? A : B;
                long fp = random.nextLong();
                rows.put(k, fp, shape);
                map.put(k, new long[] {fp, shape == A ? 0 : 1});
            }
            assertEquals(map.size(), rows.size());
            int takes = random.nextInt(n + 5);
            for (int i = 0; i < takes; i++) {
                String k = random.nextInt(5) == 0 ? randomKey(random, arity) : keys.get(random.nextInt(keys.size()));
                long[] want = map.remove(k);
                int got = rows.take(k);
                if (want == null) {
                    assertEquals(-1, got, k);
                } else {
                    assertEquals(want[0], rows.fingerprint(got), k);
                    assertSame(want[1] == 0 ? A : B, rows.shape(got), k);
                }
            }
            assertEquals(map.size(), rows.remaining());
            assertEquals(new ArrayList<>(map.keySet()), rows.remainingKeys());
        }
    }

    private static String randomKey(Random r, int arity) {
        switch (r.nextInt(5)) {
            case 0: {
                StringBuilder b = new StringBuilder(); // equal hash codes: "AaBB", "BBAa", ...
                for (int i = 0; i < 6; i++) {
                    b.append(r.nextBoolean() ? "Aa" : "BB");
                }
                return b.toString();
            }
            case 1:
                return "0" + r.nextInt(50);
            default:
                String one = Integer.toString(r.nextInt(4000) - 100);
                return arity == 1 ? one : one + "/" + (r.nextInt(9) - 2);
        }
    }
}
