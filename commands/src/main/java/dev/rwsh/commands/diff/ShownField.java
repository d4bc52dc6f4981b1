package dev.rwsh.commands.diff;

/** One column of a {@link ShownRow}. */
public record ShownField(String column, String etcd, String sql, boolean same) {
}
