package dev.rwsh.commands.sql;

import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/** A pooled connection to the SQL meta store. */
public final class SqlConnection implements AutoCloseable {
    private final SqlEndpoint endpoint;
    private final HikariDataSource pool;

    SqlConnection(SqlEndpoint endpoint, HikariDataSource pool) {
        this.endpoint = endpoint;
        this.pool = pool;
    }

    public SqlEndpoint endpoint() {
        return endpoint;
    }

    public SqlBackend backend() {
        return endpoint.backend();
    }

    public DataSource dataSource() {
        return pool;
    }

    /** Borrows a connection; failures are explained as {@link SqlErrors} explains them. */
    public Connection open() {
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw SqlErrors.explainConnect(endpoint, e);
        }
    }

    /** Takes a connection out of the pool for good, e.g. when its session state could not be reset. */
    public void evict(Connection connection) {
        pool.evictConnection(connection);
    }

    /** Runs {@code work} on a borrowed connection with the server's dialect; driver errors become one-line messages about {@code action}. */
    public <T> T withDialect(String action, SqlWork<T> work) {
        try (Connection c = open()) {
            return work.run(c, SqlDialect.of(backend(), c));
        } catch (SQLException e) {
            throw SqlErrors.explain(this, action, e);
        }
    }

    /** Work on one connection. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection c, SqlDialect dialect) throws SQLException;
    }

    @Override
    public void close() {
        pool.close();
    }
}
