package dev.rwsh.commands.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.RwshException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class SqlEndpointTest {

    @Test
    void postgresUrlAsRisingWaveTakesIt() {
        SqlEndpoint e = SqlEndpoint.parse("postgres://rw:s3cr%40t@db.example:5433/meta?sslmode=require");
        assertEquals(SqlBackend.POSTGRES, e.backend());
        assertEquals("jdbc:postgresql://db.example:5433/meta?sslmode=require", e.jdbcUrl());
        assertEquals("rw", e.user());
        assertEquals("s3cr@t", e.password());
        assertEquals("meta", e.database());
        assertEquals("postgres://rw:****@db.example:5433/meta?sslmode=require", e.display());
        assertFalse(e.toString().contains("s3cr"));
    }

    @Test
    void mysqlUrlMapsSqlxTlsOptionAndDefaultsThePort() {
        SqlEndpoint e = SqlEndpoint.parse("mysql://root:pw@127.0.0.1/rw?ssl-mode=REQUIRED");
        assertEquals(SqlBackend.MYSQL, e.backend());
        assertEquals(3306, e.port());
        assertEquals("jdbc:mysql://127.0.0.1:3306/rw?sslMode=REQUIRED", e.jdbcUrl());
    }

    @Test
    void sqliteUrlWithModeAndAbsoluteOrRelativePaths() {
        SqlEndpoint abs = SqlEndpoint.parse("sqlite:///var/lib/rw/meta.db?mode=rwc");
        assertEquals(SqlBackend.SQLITE, abs.backend());
        assertEquals(Path.of("/var/lib/rw/meta.db"), abs.path());
        assertEquals("rwc", abs.sqliteMode());
        assertEquals("jdbc:sqlite:/var/lib/rw/meta.db", abs.jdbcUrl());
        SqlEndpoint rel = SqlEndpoint.parse("sqlite://meta.db");
        assertEquals(Path.of("meta.db").toAbsolutePath(), rel.path());
        assertEquals("rwc", rel.sqliteMode());
        assertNull(rel.user());
    }

    @Test
    void plainJdbcUrlsPassThrough() {
        SqlEndpoint pg = SqlEndpoint.parse("jdbc:postgresql://h:1/d?user=u&password=p&sslmode=disable");
        assertEquals("u", pg.user());
        assertEquals("p", pg.password());
        assertEquals("jdbc:postgresql://h:1/d?sslmode=disable", pg.jdbcUrl());
        assertTrue(pg.display().contains("password=****"));
        assertEquals(SqlBackend.MYSQL, SqlEndpoint.parse("jdbc:mysql://h:3306/d").backend());
        assertEquals(SqlBackend.SQLITE, SqlEndpoint.parse("jdbc:sqlite:/tmp/x.db").backend());
    }

    @Test
    void usageErrorsNameTheProblem() {
        RwshException scheme = assertThrows(RwshException.class, () -> SqlEndpoint.parse("oracle://u:secret@h/d"));
        assertEquals(ExitStatus.USAGE, scheme.status());
        assertTrue(scheme.getMessage().contains("unknown SQL endpoint scheme"));
        assertFalse(scheme.getMessage().contains("secret"));
        assertTrue(assertThrows(RwshException.class, () -> SqlEndpoint.parse("postgres://u:p@h:5432")).getMessage().contains("no database"));
        assertTrue(assertThrows(RwshException.class, () -> SqlEndpoint.parse("sqlite://x.db?mode=w")).getMessage().contains("mode"));
    }
}
