package dev.rwsh.commands.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.connect.ConnectSqlCommand;
import dev.rwsh.commands.session.Session;
import dev.rwsh.commands.testsupport.ScratchDatabaseExtension;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The schema commands on the real MariaDB (the MySQL backend), in a database of this class's own. */
class MysqlSchemaIT extends SchemaCommandsContract {
    @RegisterExtension
    static final ScratchDatabaseExtension db = ScratchDatabaseExtension.mysql();

    @Override
    protected String url() {
        return db.url();
    }

    @Override
    @BeforeEach
    void connectAndReset() throws SQLException {
        super.connectAndReset();
        // Every test starts from the database as it was created, before 001's ALTER DATABASE.
        exec("ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
    }

    @Override
    protected void changeSeqType(Statement s) throws SQLException {
        s.execute("ALTER TABLE hummock_sequence MODIFY seq int NOT NULL");
    }

    @Override
    protected String dropIndexStatement() {
        return "DROP INDEX idx_worker_host_port ON worker";
    }

    @Override
    protected String databaseCollation() throws SQLException {
        try (Connection c = sql.open(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@collation_database")) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A database created with another default: seaql_migrations (made before 001's ALTER DATABASE) inherits it. */
    @Override
    protected void beforeMigratorUp(Statement s) throws SQLException {
        s.execute("ALTER DATABASE CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
    }

    @Test
    void createSetsTheCollationRisingWaveNeeds() throws SQLException {
        SchemaCreateCommand.run(sql);
        assertEquals("utf8mb3_bin", databaseCollation());
    }

    @Test
    void aUserWithoutCreateIsRefusedBeforeAnythingIsMade() throws SQLException {
        String ro = db.readOnlyUser();
        try (Session other = new Session()) {
            ConnectSqlCommand.run(other, ro);
            RwshException e = assertThrows(RwshException.class, () -> SchemaCreateCommand.run(other.requireSql()));
            assertTrue(e.getMessage().startsWith("user " + db.name() + "_ro@"), e.getMessage());
            assertTrue(e.getMessage().contains("may not create RisingWave's tables in database " + db.name()), e.getMessage());
            assertTrue(e.getMessage().contains("lacks ALTER, CREATE, DELETE, DROP, INDEX, INSERT, REFERENCES, UPDATE"), e.getMessage());
            assertTrue(e.getMessage().contains("GRANT ALL PRIVILEGES ON `" + db.name() + "`.* TO '" + db.name() + "_ro'@"), e.getMessage());
        }
        assertEquals(Map.of(), relations());
        assertEquals("utf8mb4_general_ci", databaseCollation());
    }
}
