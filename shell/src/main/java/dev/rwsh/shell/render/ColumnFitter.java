package dev.rwsh.shell.render;

import java.util.Arrays;

/**
 * Column widths for a table that must fit a given width: columns keep their natural width while the
 * table fits; otherwise the widest columns give up space first (every column narrower than a common
 * cap keeps its width, the others share what is left), so short columns such as ids are never wrapped.
 */
final class ColumnFitter {
    private ColumnFitter() {
    }

    /**
     * @param natural the widest line of each column, header included
     * @param available the columns the cells may take in all (the table width less its borders and padding);
     *     0 or less means no limit
     * @return each column's width, at least 1; the sum exceeds {@code available} only when it is smaller
     *     than one column per column
     */
    static int[] fit(int[] natural, int available) {
        int[] widths = Arrays.stream(natural).map(w -> Math.max(1, w)).toArray();
        if (available <= 0 || Arrays.stream(widths).sum() <= available) {
            return widths;
        }
        if (available <= widths.length) {
            Arrays.fill(widths, 1);
            return widths;
        }
        // The largest cap such that the columns, each cut to at most cap, still fit.
        int cap = 1;
        while (capped(widths, cap + 1) <= available) {
            cap++;
        }
        int spare = available - capped(widths, cap);
        int[] fitted = new int[widths.length];
        for (int i = 0; i < widths.length; i++) {
            fitted[i] = Math.min(widths[i], cap);
            // hand the remainder to the columns that were cut, left to right
            if (widths[i] > cap && spare > 0) {
                fitted[i]++;
                spare--;
            }
        }
        return fitted;
    }

    private static int capped(int[] widths, int cap) {
        int sum = 0;
        for (int w : widths) {
            sum += Math.min(w, cap);
        }
        return sum;
    }
}
