package dev.rwsh.commands.migrate;

import dev.rwsh.commands.testsupport.ScratchDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** migrate into SQLite, a file of this class's own. */
class SqliteMigrateIT extends MigrateContract {
    @TempDir
    static Path dir;

    @Override
    protected ScratchDatabase createTarget() {
        return ScratchDatabase.sqlite(dir);
    }
}
