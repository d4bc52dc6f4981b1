package dev.rwsh.commands.migrate;

import dev.rwsh.commands.testsupport.ScratchDatabase;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** diff against SQLite, a file of this class's own. */
class SqliteDiffIT extends DiffContract {
    @TempDir
    static Path dir;

    @Override
    protected ScratchDatabase createTarget() {
        return ScratchDatabase.sqlite(dir);
    }
}
