package dev.rwsh.commands.testsupport;

import dev.rwsh.commands.sql.LockHolder;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlDialect;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.sql.TargetLock;
import java.sql.Connection;
import java.time.Instant;

/**
 * A process that takes a target's migration lock as migrate does, prints "locked", and holds it
 * until its standard input closes or it is killed: the other run of the concurrency tests.
 * {@code LockHoldingProcess SQL_URL}.
 */
public final class LockHoldingProcess {
    private LockHoldingProcess() {
    }

    public static void main(String[] args) throws Exception {
        SqlEndpoint endpoint = SqlEndpoint.parse(args[0]);
        try (SqlConnection sql = SqlConnector.connect(endpoint); Connection c = sql.open()) {
            TargetLock.Attempt attempt = SqlDialect.of(endpoint.backend(), c).tryLockTarget(c, endpoint, LockHolder.current(Instant.now()));
            System.out.println(attempt.taken() ? "locked" : "busy: " + attempt.holder());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold the lock
            }
        }
    }
}
