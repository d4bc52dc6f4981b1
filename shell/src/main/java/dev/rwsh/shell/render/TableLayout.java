package dev.rwsh.shell.render;

/**
 * How tables are laid out for one line's output.
 *
 * @param width the terminal columns a table may take; 0 means no limit (output that is not a terminal keeps every value whole)
 * @param expanded one field per line: on, off, or auto (only for a table wider than {@code width})
 */
public record TableLayout(int width, ExpandedMode expanded) {
    /** Natural width, never expanded: what pipes and files get by default. */
    public static final TableLayout UNLIMITED = new TableLayout(0, ExpandedMode.OFF);

    boolean expands(int naturalWidth, int columns) {
        return switch (expanded) {
            case ON -> true;
            case OFF -> false;
            case AUTO -> width > 0 && columns > 1 && naturalWidth > width;
        };
    }
}
