package dev.rwsh.shell.session;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.jline.reader.LineReader;
import org.jline.reader.impl.ReaderUtils;
import org.jline.reader.impl.history.DefaultHistory;
import org.springframework.stereotype.Component;

/**
 * JLine history that keeps every line in memory for this session (Up recalls it, as psql does) but
 * never writes a line carrying a secret to the history file, which is private to its owner (0600).
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

    private Path file;

    public static boolean carriesSecret(String line) {
        if (SECRET.matcher(line).find()) {
            return true;
        }
        var set = SECRET_SET.matcher(line);
        return set.find() && isSecretName(set.group(1));
    }

    /**
     * A history line as it may be shown: the value of a secret {@code set} and every password in
     * the line masked (the line itself stays recallable with Up, unmasked, in this session).
     */
    public static String display(String line) {
        var set = SECRET_SET.matcher(line);
        if (set.find() && isSecretName(set.group(1))) {
            return line.substring(0, set.end()) + "****";
        }
        return dev.rwsh.commands.sql.SecretText.mask(line);
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
        if (!Files.exists(historyFile)) {
            Files.createFile(historyFile, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        Files.setPosixFilePermissions(historyFile, OWNER_ONLY);
        trim(historyFile, ReaderUtils.getInt(reader, LineReader.HISTORY_FILE_SIZE, DEFAULT_HISTORY_FILE_SIZE));
        read(historyFile, false);
        file = historyFile;
    }

    /**
     * Appending never trims, so the file is cut to its last {@code max} entries (JLine's limit,
     * 10000 by default) once per session; JLine writes one entry per line.
     */
    private static void trim(Path file, int max) throws IOException {
        List<String> lines = Files.readAllLines(file);
        if (lines.size() <= max) {
            return;
        }
        Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), ".rwsh_history", ".tmp"); // 0600
        Files.write(temporary, lines.subList(lines.size() - max, lines.size()));
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void add(Instant time, String line) {
        super.add(time, line);
        if (file != null && !carriesSecret(line)) {
            try {
                Files.writeString(file, fileLine(time, line), StandardOpenOption.APPEND);
            } catch (IOException e) {
                System.err.println("warning: could not write history to " + file + ": " + e.getMessage());
            }
        }
    }

    /** One entry as JLine's history reads it back: time in milliseconds, ':', the line with \\, \n and \r escaped. */
    static String fileLine(Instant time, String line) {
        StringBuilder out = new StringBuilder().append(time.toEpochMilli()).append(':');
        for (char c : line.toCharArray()) {
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return out.append('\n').toString();
    }
}
