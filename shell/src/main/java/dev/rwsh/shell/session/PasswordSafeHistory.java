package dev.rwsh.shell.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import java.util.regex.Pattern;
import org.jline.reader.LineReader;
import org.jline.reader.impl.history.DefaultHistory;
import org.springframework.stereotype.Component;

/**
 * JLine history that keeps every line in memory for this session (Up recalls it, as psql does) but
 * never writes a line carrying a secret to the history file, which is private to its owner (0600).
 * The file is written through a second history that only ever holds the lines fit to keep.
 */
@Component
public class PasswordSafeHistory extends DefaultHistory {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    /** A password option, USER:PASS credentials, a URL with user:password@, or password= in a query. */
    static final Pattern SECRET = Pattern.compile(
            "--password(?!-prompt)|--etcd-user-password|--user(=|\\s+)\\S+:|://[^/@\\s]*:[^@\\s]*@|password=",
            Pattern.CASE_INSENSITIVE);
    /** {@code set NAME VALUE} where NAME looks like it holds a secret. */
    private static final Pattern SECRET_SET = Pattern.compile("^\\s*set\\s+(\\S+)\\s", Pattern.CASE_INSENSITIVE);

    private final DefaultHistory kept = new DefaultHistory();
    private Path file;

    public static boolean carriesSecret(String line) {
        if (SECRET.matcher(line).find()) {
            return true;
        }
        var set = SECRET_SET.matcher(line);
        return set.find() && isSecretName(set.group(1));
    }

    /** A variable name that looks like it holds a secret: PASSWORD, SECRET, TOKEN or KEY in it, in any case. */
    public static boolean isSecretName(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return upper.contains("PASSWORD") || upper.contains("SECRET") || upper.contains("TOKEN") || upper.contains("KEY");
    }

    /**
     * Loads the history file into this session and appends each later line fit to keep to it. The
     * file is created 0600, and set so if an older rwsh left it readable by others.
     */
    public void persistTo(LineReader reader, Path historyFile) throws IOException {
        attach(reader);
        kept.attach(reader);
        file = historyFile;
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        Files.setPosixFilePermissions(file, OWNER_ONLY);
        read(file, false);
        kept.read(file, false);
    }

    @Override
    public void add(Instant time, String line) {
        super.add(time, line);
        if (file != null && !carriesSecret(line)) {
            kept.add(time, line);
            try {
                kept.append(file, true);
            } catch (IOException e) {
                System.err.println("warning: could not write history to " + file + ": " + e.getMessage());
            }
        }
    }
}
