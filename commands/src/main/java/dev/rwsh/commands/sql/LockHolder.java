package dev.rwsh.commands.sql;

import java.net.InetAddress;
import java.time.Instant;
import java.util.Optional;

/**
 * Who holds a target's migration lock, as a second run reports it: the process, its host and when
 * it started. Stored as one short text ("rwsh PID EPOCH_SECONDS HOST") where the backend keeps it:
 * PostgreSQL's application_name (63 bytes at most: the host is cut to fit), a row on MySQL, a file
 * beside a SQLite database.
 */
public record LockHolder(long pid, String host, Instant startedAt) {
    static final String TAG = "rwsh";
    static final int MAX_TEXT = 63;

    /** This process, started now. */
    public static LockHolder current(Instant startedAt) {
        return new LockHolder(ProcessHandle.current().pid(), localHost(), startedAt);
    }

    static String localHost() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null || env.isBlank() ? "unknown" : env;
        }
    }

    public String describe() {
        return "pid " + pid + " on host " + host + ", started at " + startedAt;
    }

    String encode() {
        String text = TAG + " " + pid + " " + startedAt.getEpochSecond() + " " + host.replace(' ', '_');
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }

    /** The holder a text written by {@link #encode} names; empty for any other text. */
    static Optional<LockHolder> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String[] p = text.trim().split(" ", 4);
        if (p.length != 4 || !p[0].equals(TAG) || !p[1].matches("\\d{1,19}") || !p[2].matches("\\d{1,19}")) {
            return Optional.empty();
        }
        return Optional.of(new LockHolder(Long.parseLong(p[1]), p[3], Instant.ofEpochSecond(Long.parseLong(p[2]))));
    }

    /** Whether this holder was a process of this host that is no longer alive. */
    boolean deadHere() {
        return encode().equals(new LockHolder(pid, localHost(), startedAt).encode()) && !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
