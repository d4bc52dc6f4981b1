package dev.rwsh.commands.diff;

import java.util.List;

/** One row of an object in {@code diff show}: both sides column by column. */
public record ShownRow(String category, String key, String state, List<ShownField> fields) {
}
