package dev.rwsh.shell.input;

import java.util.Collection;
import java.util.Optional;

/**
 * The closest known word to a typo. Optimal string alignment distance: a swap of two neighbouring
 * letters ({@code stauts}) costs one edit, as it is one slip of the fingers; commons-lang3's
 * Levenshtein (deprecated there) would count two.
 */
public final class EditDistance {
    private EditDistance() {
    }

    public static int between(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /**
     * The candidate nearest to {@code typed}, if it is near enough to be a typo of it: at most one
     * edit for short words, up to a third of the word's length for longer ones. Ties go to the
     * first candidate.
     */
    public static Optional<String> closest(String typed, Collection<String> candidates) {
        int allowed = Math.max(1, typed.length() / 3);
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int distance = between(typed, c);
            if (distance <= allowed && distance < bestDistance && !c.equals(typed)) {
                best = c;
                bestDistance = distance;
            }
        }
        return Optional.ofNullable(best);
    }
}
