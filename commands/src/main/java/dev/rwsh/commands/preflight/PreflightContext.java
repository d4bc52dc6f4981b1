package dev.rwsh.commands.preflight;

import dev.rwsh.commands.backupfile.BackupFile;
import dev.rwsh.commands.backupfile.BackupProgress;
import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.meta.MetaCatalog;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.migrate.plan.MigrationPlan;
import dev.rwsh.commands.sql.SqlDialect;
import dev.rwsh.commands.sql.SqlEndpoint;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;

/** What preflight's checks share: the options, the source as far as it was read, and the target's connection. */
final class PreflightContext {
    final PreflightCommand.Options options;
    final BackupProgress progress;
    /** The problems migrate would refuse, and what it would warn about (the report's second and third tables). */
    final List<String> problems = new ArrayList<>();
    final List<String> planWarnings = new ArrayList<>();

    // the source: a live etcd or a backup file
    EtcdConnection etcd;
    BackupFile offlineSource;
    /** The rwsh backup to compare with the last metadata change, or null. */
    Path backup;
    long revision;
    /** The keyspace read, once the source answered; null until then. */
    Keyspace keyspace;
    MetaReader reader;
    /** RisingWave's cluster id in the source; null when it holds no RisingWave metadata. */
    String clusterId;
    MetadataScan scan;
    MigrationPlan plan;
    private MetaCatalog catalog;

    // the target, while its checks run
    Connection connection;
    SqlDialect dialect;
    SqlEndpoint endpoint;
    /** Whether the SQL server answered; a later failure is then about what was being checked. */
    boolean targetAnswered;

    PreflightContext(PreflightCommand.Options options, BackupProgress progress) {
        this.options = options;
        this.progress = progress;
    }

    MetaCatalog catalog() {
        if (catalog == null) {
            catalog = MetaCatalog.load(reader);
        }
        return catalog;
    }
}
