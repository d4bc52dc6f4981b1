package dev.rwsh.commands.sql;

import java.sql.SQLException;

/**
 * A held migration lock on a target (one migration into a database at a time). Released by
 * {@link #close}; a run that is killed loses it with its session (PostgreSQL, MySQL) or its
 * process (SQLite), so a stale lock never blocks.
 */
public interface TargetLock extends AutoCloseable {
    /** The table where a backend with no other place for it (MySQL) keeps the holder while the lock is held. */
    String HOLDER_TABLE = "rwsh_migration_lock";

    @Override
    void close() throws SQLException;

    /**
     * The outcome of trying to take the lock without waiting.
     *
     * @param lock the lock, when taken
     * @param holder who holds it, when another run does ("pid P on host H, started at T", or what the server knows of the session)
     * @param record the holder's own record, when it left one
     */
    record Attempt(TargetLock lock, String holder, LockHolder record) {
        static Attempt taken(TargetLock lock) {
            return new Attempt(lock, null, null);
        }

        static Attempt busy(String holder) {
            return new Attempt(null, holder, null);
        }

        static Attempt busy(java.util.Optional<LockHolder> record, String otherwise) {
            return new Attempt(null, record.map(LockHolder::describe).orElse(otherwise), record.orElse(null));
        }

        /**
         * Whether the holder is a process of this host that is gone: its session is about to end
         * (the server has not seen its socket close yet), and so is the lock.
         */
        public boolean heldByTheDeadHere() {
            return record != null && record.deadHere();
        }

        public boolean taken() {
            return lock != null;
        }
    }
}
