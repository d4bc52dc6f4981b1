package dev.rwsh.commands.sql;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.RwshException;

/** A SQL server's refusal or failure as {@link SqlErrors} classified it: callers decide by {@link #kind()}, never by the message. */
public final class SqlFailure extends RwshException {
    /** What went wrong, from the driver's SQLSTATE, vendor code or exception type. */
    public enum Kind {
        /** The host name does not resolve. */
        UNKNOWN_HOST,
        /** Nothing answers at the host and port. */
        UNREACHABLE,
        /** The server refused the user or password. */
        CREDENTIALS_REFUSED,
        /** The database does not exist. */
        NO_DATABASE,
        /** The user may not connect to the database. */
        NO_DATABASE_ACCESS,
        /** Connected, but a privilege on a schema, table or sequence is missing. */
        PERMISSION_DENIED,
        /** An open connection went away (the server stopped, crashed or the network broke). */
        CONNECTION_LOST,
        /** Anything else the server said. */
        OTHER
    }

    private final Kind kind;

    public SqlFailure(Kind kind, String message, String fix, Throwable cause) {
        super(ExitStatus.FAILED, message, fix, cause);
        this.kind = kind;
    }

    /** The message "{@code what}; {@code fix}" (or {@code what} alone when there is no fix). */
    public static SqlFailure of(Kind kind, String what, String fix, Throwable cause) {
        return new SqlFailure(kind, withFix(what, fix), fix, cause);
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the server answered: it refused something rather than not being there. */
    public boolean serverAnswered() {
        return kind != Kind.UNKNOWN_HOST && kind != Kind.UNREACHABLE && kind != Kind.CONNECTION_LOST && kind != Kind.OTHER;
    }
}
