package dev.rwsh.commands.diff;

import java.util.List;

/** A differing object: {@code state} is "only in etcd", "only in SQL" or "different". */
public record ObjectDiff(String category, String key, String name, String state, List<FieldDiff> fields) {
}
