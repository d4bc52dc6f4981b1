package dev.rwsh.commands.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link ScratchDatabase} for one test class, made before its first test and dropped after its
 * last (SQLite: a file in a temporary directory of its own):
 * {@code @RegisterExtension static final ScratchDatabaseExtension db = ScratchDatabaseExtension.postgres();}
 */
public final class ScratchDatabaseExtension implements BeforeAllCallback, AfterAllCallback {
    private final Function<Path, ScratchDatabase> create;
    private final boolean needsDir;
    private Path dir;
    private ScratchDatabase db;

    private ScratchDatabaseExtension(Function<Path, ScratchDatabase> create, boolean needsDir) {
        this.create = create;
        this.needsDir = needsDir;
    }

    public static ScratchDatabaseExtension postgres() {
        return new ScratchDatabaseExtension(d -> ScratchDatabase.postgres(), false);
    }

    public static ScratchDatabaseExtension mysql() {
        return new ScratchDatabaseExtension(d -> ScratchDatabase.mysql(), false);
    }

    public static ScratchDatabaseExtension sqlite() {
        return new ScratchDatabaseExtension(ScratchDatabase::sqlite, true);
    }

    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
        dir = needsDir ? Files.createTempDirectory("rwsh-scratch-") : null;
        db = create.apply(dir);
    }

    @Override
    public void afterAll(ExtensionContext context) throws IOException {
        try {
            if (db != null) {
                db.close();
            }
        } finally {
            db = null;
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
                }
                dir = null;
            }
        }
    }

    public ScratchDatabase database() {
        if (db == null) {
            throw new IllegalStateException("no scratch database outside the test class's lifetime");
        }
        return db;
    }

    /** The directory of the SQLite file (SQLite only). */
    public Path dir() {
        return dir;
    }

    public String url() {
        return database().url();
    }

    public String name() {
        return database().name();
    }

    public String readOnlyUser() {
        return database().readOnlyUser();
    }
}
