package dev.rwsh.commands.migrate;

import dev.rwsh.commands.testsupport.ScratchDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** migrate's guard rails on SQLite, a file of this class's own. */
class SqliteMigrateGuardIT extends MigrateGuardContract {
    @TempDir
    static Path dir;

    @Override
    protected ScratchDatabase createTarget() {
        return ScratchDatabase.sqlite(dir);
    }
}
