package dev.rwsh.commands.diff;

/** One field of a differing object, as each side holds it. */
public record FieldDiff(String field, String etcd, String sql) {
}
