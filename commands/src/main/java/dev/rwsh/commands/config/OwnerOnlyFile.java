package dev.rwsh.commands.config;

import dev.rwsh.commands.RwshException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** {@code config emit --output}: the settings hold a password, so the file is private to its owner. */
final class OwnerOnlyFile {
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFile() {
    }

    /** Writes the text to a file readable by its owner only; the mode is set before any byte is written. */
    static Path write(Path file, String text) {
        Path path = file.toAbsolutePath().normalize();
        try {
            if (Files.isDirectory(path)) {
                throw RwshException.usage("--output " + file + " is a directory: name a file");
            }
            if (Files.isSymbolicLink(path)) {
                throw RwshException.failed("--output " + file + " is a symbolic link: name the file itself");
            }
            try {
                Files.createFile(path, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
            } catch (FileAlreadyExistsException e) {
                // an existing file: narrow its mode first, then replace its content
            }
            // createFile's mode is subject to the umask, an existing file has its own: set it outright.
            Files.setPosixFilePermissions(path, OWNER_ONLY);
            Files.writeString(path, text, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING, LinkOption.NOFOLLOW_LINKS);
            return path;
        } catch (java.nio.file.NoSuchFileException e) {
            throw RwshException.failed("cannot write " + file + ": directory " + path.getParent() + " does not exist");
        } catch (UnsupportedOperationException e) {
            throw RwshException.failed("cannot write " + file + ": its file system has no POSIX permissions, so it could not be made private (mode 0600)");
        } catch (IOException e) {
            throw RwshException.failed("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
