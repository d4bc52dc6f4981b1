package dev.rwsh.commands.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.connect.ConnectSqlCommand;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.testsupport.ScratchDatabaseExtension;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The schema commands on the real PostgreSQL, in a database of this class's own. */
class PostgresSchemaIT extends SchemaCommandsContract {
    @RegisterExtension
    static final ScratchDatabaseExtension db = ScratchDatabaseExtension.postgres();

    @Override
    protected String url() {
        return db.url();
    }

    @Override
    protected void changeSeqType(Statement s) throws SQLException {
        s.execute("ALTER TABLE hummock_sequence ALTER COLUMN seq TYPE integer");
    }

    @Override
    protected String dropIndexStatement() {
        return "DROP INDEX idx_worker_host_port";
    }

    @Test
    void aUserWithoutCreateIsRefusedAndNothingIsLeft() throws SQLException {
        String ro = db.readOnlyUser();
        try (Session other = new Session()) {
            ConnectSqlCommand.run(other, ro);
            RwshException e = assertThrows(RwshException.class, () -> SchemaCreateCommand.run(other.requireSql()));
            assertTrue(e.getMessage().startsWith("user " + db.name() + "_ro may not create tables in database " + db.name()), e.getMessage());
            assertTrue(e.getMessage().contains("GRANT CREATE, USAGE ON SCHEMA public TO " + db.name() + "_ro"), e.getMessage());
        }
        assertEquals(Map.of(), relations());
    }

    @Test
    void aReadingUserCanStatusCheckAndQueryButNotChange() throws SQLException {
        SchemaCreateCommand.run(sql);
        String ro = db.readOnlyUser();
        try (Session other = new Session()) {
            ConnectSqlCommand.run(other, ro);
            assertTrue(SchemaCheckCommand.run(other.requireSql()).matches());
            assertEquals("v2.0.7", SchemaStatusCommand.run(other.requireSql()).schema());
            assertEquals(2, SqlQueryCommand.run(other.requireSql(), "SELECT * FROM \"user\"", 10).rows().size());
            RwshException e = assertThrows(RwshException.class, () -> SchemaDropCommand.run(other.requireSql(), true));
            assertTrue(e.getMessage().startsWith("user " + db.name() + "_ro may not drop tables"), e.getMessage());
            assertTrue(e.getMessage().contains("connect as the user that created RisingWave's tables"), e.getMessage());
            assertTrue(e.getMessage().endsWith("rolled back: nothing was dropped"), e.getMessage());
        }
        assertTrue(SchemaCheckCommand.run(sql).matches());
    }

    @Test
    void aWritingStatementThatLooksLikeAReadIsRefusedByTheServer() throws SQLException {
        SchemaCreateCommand.run(sql);
        RwshException e = assertThrows(RwshException.class,
                () -> SqlQueryCommand.run(sql, "WITH gone AS (DELETE FROM \"user\" RETURNING *) SELECT * FROM gone", 10));
        assertEquals(ExitStatus.FAILED, e.status());
        assertTrue(e.getMessage().startsWith("the server refused to write: sql query is read-only"), e.getMessage());
        assertEquals(2, count("user"));
    }
}
