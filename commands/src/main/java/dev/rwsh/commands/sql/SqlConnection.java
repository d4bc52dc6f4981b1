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
            throw SqlErrors.explain(endpoint, "connect to", e);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
