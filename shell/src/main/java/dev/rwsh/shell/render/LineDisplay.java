package dev.rwsh.shell.render;

import java.util.List;

/**
 * How one line's output is shown: the session's expanded mode and pager setting, overridden by
 * {@code -x}/{@code --expanded} (expanded on) or {@code --no-pager} anywhere after the command word.
 */
public record LineDisplay(ExpandedMode expanded, boolean pager) {

    /** Takes the display options off {@code words}, starting from the session's settings. */
    public static LineDisplay take(List<String> words, ExpandedMode sessionExpanded, boolean sessionPager) {
        ExpandedMode expanded = sessionExpanded;
        boolean pager = sessionPager;
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("-x") || w.equals("--expanded")) {
                expanded = ExpandedMode.ON;
            } else if (w.equals("--no-pager")) {
                pager = false;
            } else {
                continue;
            }
            words.remove(i);
            i--;
        }
        return new LineDisplay(expanded, pager);
    }
}
