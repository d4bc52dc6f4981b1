package dev.rwsh.commands.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.testsupport.ScratchDatabase;
import dev.rwsh.commands.testsupport.TargetDump;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** migrate into MariaDB (the MySQL test service), a scratch database of this class's own. */
class MysqlMigrateIT extends MigrateContract {
    @Override
    protected ScratchDatabase createTarget() {
        return ScratchDatabase.mysql();
    }

    /** The endpoint's allowLoadLocalInfile=false forces the batched INSERT fallback; the target must come out byte for byte the same. */
    @Test
    @Order(1000)
    void theBatchedInsertFallbackWritesWhatLoadDataWrites() throws Exception {
        assertEquals("LOAD DATA LOCAL INFILE", sql.withDialect("check", (c, d) -> d.bulkPath().method()));
        migrate(true, false);
        Map<String, List<String>> loaded = dump();
        try (SqlConnection batched = SqlConnector.connect(SqlEndpoint.parse(db.url() + "?allowLoadLocalInfile=false"))) {
            assertEquals("batched INSERT (the endpoint sets allowLoadLocalInfile=false; to use the faster LOAD DATA LOCAL INFILE,"
                    + " remove allowLoadLocalInfile=false from the endpoint)", batched.withDialect("check", (c, d) -> d.bulkPath().describe()));
            MigrateCommand.run(dev.rwsh.commands.etcd.EtcdSnapshot.open(etcd), "etcd " + server.endpoint(), batched,
                    new MigrateCommand.Options(true, false, stateFile), MigrationListener.NONE);
            assertEquals(loaded, TargetDump.dump(batched), "batched INSERT wrote another target than LOAD DATA");
        }
    }
}
