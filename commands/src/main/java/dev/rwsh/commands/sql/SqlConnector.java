package dev.rwsh.commands.sql;

import com.mysql.cj.conf.ConnectionUrlParser;
import com.mysql.cj.conf.PropertyKey;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import dev.rwsh.commands.RwshException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** Opens a pooled {@link SqlConnection} and proves it works before handing it out. */
public final class SqlConnector {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private SqlConnector() {
    }

    public static SqlConnection connect(SqlEndpoint endpoint) {
        if (endpoint.backend() == SqlBackend.SQLITE) {
            checkSqliteFile(endpoint);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("rwsh-sql");
        config.setJdbcUrl(endpoint.jdbcUrl());
        config.setUsername(endpoint.user());
        config.setPassword(endpoint.password());
        config.setConnectionTimeout(CONNECT_TIMEOUT.toMillis());
        config.setValidationTimeout(Duration.ofSeconds(3).toMillis());
        // Managed servers drop connections during maintenance: keep them short-lived and checked.
        config.setMaxLifetime(Duration.ofMinutes(10).toMillis());
        config.setKeepaliveTime(Duration.ofMinutes(2).toMillis());
        config.setIdleTimeout(Duration.ofMinutes(5).toMillis());
        config.setMinimumIdle(0);
        // Fail now, with the driver's reason, rather than on first use.
        config.setInitializationFailTimeout(1);
        switch (endpoint.backend()) {
            case POSTGRES -> {
                config.setMaximumPoolSize(4);
                config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT.toSeconds()));
                config.addDataSourceProperty("reWriteBatchedInserts", "true");
                config.addDataSourceProperty("ApplicationName", "rwsh");
            }
            case MYSQL -> {
                config.setMaximumPoolSize(4);
                config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT.toMillis()));
                config.addDataSourceProperty("rewriteBatchedStatements", "true");
                // Lets migrate stream rows with LOAD DATA LOCAL INFILE (MysqlLoadData). Properties given here
                // override the URL's, so an endpoint's own allowLoadLocalInfile=false is left to win.
                if (!urlSets(endpoint, PropertyKey.allowLoadLocalInfile)) {
                    config.addDataSourceProperty(PropertyKey.allowLoadLocalInfile.getKeyName(), "true");
                }
            }
            case SQLITE -> {
                // One writer at a time is all SQLite allows.
                config.setMaximumPoolSize(1);
                // sqlx, which RisingWave uses, turns foreign keys on for every SQLite connection.
                config.addDataSourceProperty("foreign_keys", "true");
                if (endpoint.sqliteMode().equals("ro")) {
                    config.addDataSourceProperty("open_mode", "1");
                    config.setReadOnly(true);
                }
            }
        }
        try {
            return new SqlConnection(endpoint, new HikariDataSource(config));
        } catch (HikariPool.PoolInitializationException e) {
            throw SqlErrors.explainConnect(endpoint, e.getCause() == null ? e : e.getCause());
        } catch (RuntimeException e) {
            throw SqlErrors.explainConnect(endpoint, e);
        }
    }

    private static boolean urlSets(SqlEndpoint endpoint, PropertyKey key) {
        return ConnectionUrlParser.parseConnectionString(endpoint.jdbcUrl()).getProperties().keySet().stream()
                .anyMatch(k -> PropertyKey.normalizeCase(k).equals(key.getKeyName()));
    }

    private static void checkSqliteFile(SqlEndpoint endpoint) {
        Path file = endpoint.path();
        Path dir = file.getParent();
        if (Files.exists(file)) {
            if (Files.isDirectory(file)) {
                throw RwshException.failed("SQLite path " + file + " is a directory: name a database file");
            }
            if (!Files.isReadable(file) || (!endpoint.sqliteMode().equals("ro") && !Files.isWritable(file))) {
                throw RwshException.failed("SQLite database " + file + " is not " + (Files.isReadable(file) ? "writable" : "readable")
                        + " by this user: fix its permissions or use another file");
            }
            if (!endpoint.sqliteMode().equals("ro") && !canCreateFileIn(dir)) {
                throw RwshException.failed("SQLite directory " + dir + " is not writable: SQLite needs it for its journal; fix its permissions or use another directory");
            }
            return;
        }
        if (!endpoint.sqliteMode().equals("rwc")) {
            throw RwshException.failed("no SQLite database at " + file + ": mode=" + endpoint.sqliteMode() + " does not create one; use mode=rwc to create it");
        }
        if (!Files.isDirectory(dir)) {
            throw RwshException.failed("cannot create SQLite database " + file + ": directory " + dir + " does not exist; create it first");
        }
        if (!canCreateFileIn(dir)) {
            throw RwshException.failed("cannot create SQLite database " + file + ": directory " + dir + " is not writable; fix its permissions or use another directory");
        }
    }

    /** Tries it rather than trusting permission bits, which say nothing for root or read-only mounts. */
    private static boolean canCreateFileIn(Path dir) {
        try {
            Path probe = Files.createTempFile(dir, ".rwsh-probe-", ".tmp");
            Files.delete(probe);
            return true;
        } catch (java.io.IOException | SecurityException e) {
            return false;
        }
    }
}
