package dev.rwsh.commands.migrate.write;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RowMapperTest {
    private static final TargetTable PAIR = TargetTable.scratch("pair", TargetTable.Column.plain("a"), TargetTable.Column.plain("b"));

    @Test
    void aRowHasEachColumnsValueInTheTablesOrder() {
        RowMapper<String> m = RowMapper.<String>of(PAIR).column("a", (x, p) -> x + "1").column("b", (x, p) -> x + "2").checkAgainst();
        assertArrayEquals(new Object[] {"x1", "x2"}, m.row("x", null));
    }

    @Test
    void columnsOutOfTheTablesOrderAreRefused() {
        assertThrows(IllegalStateException.class, () -> RowMapper.<String>of(PAIR).column("b", (x, p) -> x).column("a", (x, p) -> x).checkAgainst());
    }

    @Test
    void aMissingColumnIsRefused() {
        assertThrows(IllegalStateException.class, () -> RowMapper.<String>of(PAIR).column("a", (x, p) -> x).checkAgainst());
    }
}
