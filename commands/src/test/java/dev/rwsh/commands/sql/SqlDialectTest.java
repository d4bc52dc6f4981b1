package dev.rwsh.commands.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SqlDialectTest {
    @Test
    void serverNamesAsAPersonWouldSayThem() {
        assertEquals("PostgreSQL 15.18", new PostgresDialect("15.18").serverName());
        assertEquals("SQLite 3.46.1", new SqliteDialect("3.46.1").serverName());
        assertEquals("MySQL 8.0.36", MysqlDialect.of(MysqlDialect.Flavor.MYSQL, "8.0.36").serverName());
        assertEquals("MariaDB 10.11.6", MysqlDialect.of(MysqlDialect.Flavor.MARIADB, "10.11.6-MariaDB-0+deb12u1").serverName());
    }

    @Test
    void onlyTheMysqlFamilyCommitsDdlAtOnce() {
        assertTrue(new PostgresDialect("15").transactionalDdl());
        assertTrue(new SqliteDialect("3.46").transactionalDdl());
        assertFalse(MysqlDialect.mariadb("10.11").transactionalDdl());
    }
}
