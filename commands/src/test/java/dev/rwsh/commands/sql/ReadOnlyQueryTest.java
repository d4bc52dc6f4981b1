package dev.rwsh.commands.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.RwshException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadOnlyQueryTest {
    private final SqlDialect pg = new PostgresDialect("15");
    private final SqlDialect my = MysqlDialect.of(MysqlDialect.Flavor.MYSQL, "8.0.36");
    private final SqlDialect lite = new SqliteDialect("3.46");

    private static String refused(String sql, SqlDialect d) {
        return assertThrows(RwshException.class, () -> ReadOnlyQuery.validate(sql, d)).getMessage();
    }

    @Test
    void letsOneReadingStatementThrough() {
        assertEquals("SELECT 1", ReadOnlyQuery.validate("SELECT 1;", pg));
        assertEquals("select * from \"user\" where name = 'a;b'", ReadOnlyQuery.validate("select * from \"user\" where name = 'a;b' ;;", pg));
        assertEquals("(SELECT 1)", ReadOnlyQuery.validate("(SELECT 1)", my));
        assertEquals("WITH x AS (SELECT 1) SELECT * FROM x", ReadOnlyQuery.validate("WITH x AS (SELECT 1) SELECT * FROM x", lite));
        assertEquals("SELECT $$;$$", ReadOnlyQuery.validate("SELECT $$;$$", pg));
        assertEquals("SHOW TABLES -- ; DROP", ReadOnlyQuery.validate("SHOW TABLES -- ; DROP", my));
        assertEquals("PRAGMA table_info('worker')", ReadOnlyQuery.validate("PRAGMA table_info('worker')", lite));
        assertEquals("PRAGMA foreign_keys", ReadOnlyQuery.validate("PRAGMA foreign_keys", lite));
    }

    @Test
    void refusesWritesSecondStatementsAndTricks() {
        for (SqlDialect d : List.of(pg, my, lite)) {
            assertTrue(refused("INSERT INTO t VALUES (1)", d).contains("'INSERT' is refused"));
            assertTrue(refused("SELECT 1; DELETE FROM t", d).contains("one statement at a time"));
            assertTrue(refused("/* SELECT */ DELETE FROM t", d).contains("'DELETE' is refused"));
            assertTrue(refused("   ", d).contains("needs a statement"));
            assertTrue(refused("COMMIT", d).contains("'COMMIT' is refused"));
        }
        assertTrue(refused("SELECT * FROM t INTO OUTFILE '/tmp/x'", my).contains("writes a file on the server"));
        assertTrue(refused("SELECT 1 # ; \n; DROP TABLE t", my).contains("one statement at a time"));
        assertTrue(refused("PRAGMA foreign_keys = OFF", lite).contains("only reading PRAGMAs"));
        assertTrue(refused("PRAGMA query_only(0)", lite).contains("not one of the PRAGMAs that only read"));
        assertTrue(refused("PRAGMA journal_mode(DELETE)", lite).contains("not one of the PRAGMAs that only read"));
        assertTrue(refused("PRAGMA x", pg).contains("'PRAGMA' is refused"));
    }
}
