package dev.rwsh.commands.preflight;

import dev.rwsh.commands.preflight.PreflightCommand.Check;
import dev.rwsh.commands.sql.SqlBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A SQLite target's directory has room for twice the metadata. */
final class DiskSpaceCheck extends PreflightCheck {
    DiskSpaceCheck() {
        super("free disk space");
    }

    @Override
    public List<Check> run(PreflightContext context) {
        if (context.endpoint.backend() != SqlBackend.SQLITE) {
            return List.of();
        }
        Path file = context.endpoint.path();
        try {
            Path dir = file.toAbsolutePath().getParent();
            long free = Files.getFileStore(dir).getUsableSpace();
            if (context.scan == null) {
                return List.of(warning(human(free) + " free in " + dir + "; the metadata size is unknown without etcd", ""));
            }
            long metadata = context.scan.bytes;
            long need = 2 * metadata;
            return List.of(free >= need ? ok(human(free) + " free in " + dir + ", at least twice the metadata (" + human(metadata) + ")")
                    : failed(human(free) + " free in " + dir + ", less than twice the metadata (" + human(metadata) + ")",
                            "free at least " + human(need - free) + " or put the database file elsewhere"));
        } catch (IOException e) {
            return List.of(warning("cannot read the free space of " + file.getParent() + ": " + e.getMessage(), ""));
        }
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double v = bytes;
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format("%.1f %s", v, units[u]);
    }
}
