package dev.rwsh.commands.sql;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The migration lock of a SQLite database: an exclusive OS lock on a file beside it
 * ({@code meta.db.rwsh-lock}) that holds the holder's text. The OS drops the lock when the process
 * ends, however it ends, so a killed run never blocks; the file itself stays (emptied after a
 * clean run), because deleting it would let two runs lock two different files of one name.
 *
 * <p>Closing any channel of a file drops every lock this JVM holds on it (POSIX record locks), so
 * the files this process holds are known here and never opened a second time while held.
 */
final class SqliteLockFile {
    /** The lock files this process holds, to their holder text. */
    private static final Map<Path, String> HELD = new HashMap<>();
    private final Path file;

    private SqliteLockFile(Path file) {
        this.file = file;
    }

    static SqliteLockFile of(Path database) {
        Path db = database.toAbsolutePath();
        return new SqliteLockFile(db.resolveSibling(db.getFileName() + ".rwsh-lock"));
    }

    TargetLock.Attempt tryLock(LockHolder me) throws SQLException {
        synchronized (HELD) {
            if (HELD.containsKey(file)) {
                return TargetLock.Attempt.busy(describe(HELD.get(file)));
            }
            return tryLockFile(me);
        }
    }

    private TargetLock.Attempt tryLockFile(LockHolder me) throws SQLException {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String text = read(channel);
                channel.close();
                return TargetLock.Attempt.busy(LockHolder.parse(text), describe(text));
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(me.encode().getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            FileChannel held = channel;
            synchronized (HELD) {
                HELD.put(file, me.encode());
            }
            return TargetLock.Attempt.taken(() -> {
                try {
                    held.truncate(0);
                } catch (IOException e) {
                    throw new SQLException("could not empty " + file + ": " + e.getMessage(), e);
                } finally {
                    synchronized (HELD) {
                        HELD.remove(file);
                        try {
                            held.close(); // releases the lock
                        } catch (IOException ignored) {
                            // the lock goes with the process anyway
                        }
                    }
                }
            });
        } catch (IOException e) {
            closeQuietly(channel);
            throw new SQLException("could not lock " + file + " (the migration lock of the SQLite file beside it): " + e.getMessage(), e);
        }
    }

    /** Who holds the lock now; empty when nobody does (or there is no lock file). */
    Optional<String> holder() throws SQLException {
        synchronized (HELD) {
            if (HELD.containsKey(file)) {
                return Optional.of(describe(HELD.get(file)));
            }
            return otherProcessHolder();
        }
    }

    private Optional<String> otherProcessHolder() throws SQLException {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock != null) {
                lock.release();
                return Optional.empty();
            }
            return Optional.of(describe(read(channel)));
        } catch (IOException e) {
            throw new SQLException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A holder text that a killed run left in an unlocked file. */
    Optional<String> stale() throws SQLException {
        if (!Files.exists(file) || holder().isPresent()) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).trim();
            if (text.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(file + " names a migration (" + describe(text) + ") that no longer holds the lock: a killed run left it; it "
                    + "blocks nothing (the next migrate replaces it); to clear it: rm " + file);
        } catch (IOException e) {
            throw new SQLException("could not read " + file + ": " + e.getMessage(), e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this very process
        }
    }

    private String describe(String text) {
        return LockHolder.parse(text).map(LockHolder::describe).orElse("the process that holds " + file);
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate((int) Math.min(4096, channel.size()));
        channel.read(buf, 0);
        return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }
}
