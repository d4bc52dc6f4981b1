package dev.rwsh.commands.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.connect.ConnectSqlCommand;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.testsupport.ScratchDatabaseExtension;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The schema commands on real SQLite, in a file of this class's own. */
class SqliteSchemaIT extends SchemaCommandsContract {
    @RegisterExtension
    static final ScratchDatabaseExtension db = ScratchDatabaseExtension.sqlite();

    @Override
    protected String url() {
        return db.url();
    }

    @Override
    protected void changeSeqType(Statement s) throws SQLException {
        // SQLite cannot change a column's type: rebuild the table as a careless hand would.
        s.execute("DROP TABLE hummock_sequence");
        s.execute("CREATE TABLE \"hummock_sequence\" ( \"name\" text NOT NULL PRIMARY KEY, \"seq\" integer NOT NULL )");
    }

    @Override
    protected String dropIndexStatement() {
        return "DROP INDEX idx_worker_host_port";
    }

    @Test
    void aReadOnlyEndpointIsRefusedAndNothingIsLeft() throws SQLException {
        try (Session other = new Session()) {
            ConnectSqlCommand.run(other, "sqlite://" + db.dir().resolve("meta.db") + "?mode=ro");
            RwshException e = assertThrows(RwshException.class, () -> SchemaCreateCommand.run(other.requireSql()));
            assertTrue(e.getMessage().contains("is opened read-only (mode=ro): connect with mode=rwc"), e.getMessage());
        }
        assertEquals(Map.of(), relations());
    }

    /** PRAGMA query_only refuses it with SQLITE_READONLY: told by the result code, not the driver's wording. */
    @Test
    void aWritingStatementThatStartsLikeAReadIsRefusedBySqlite() throws SQLException {
        SchemaCreateCommand.run(sql);
        RwshException e = assertThrows(RwshException.class,
                () -> SqlQueryCommand.run(sql, "WITH x AS (SELECT 1) DELETE FROM \"user\"", 10));
        assertTrue(e.getMessage().startsWith("the server refused to write: sql query is read-only"), e.getMessage());
        assertEquals(2, count("user"));
    }
}
