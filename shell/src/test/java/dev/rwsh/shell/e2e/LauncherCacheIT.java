package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/rwsh's start-up cache (AOT cache on Java 25+, AppCDS archive on Java 17): a stale or unusable cache
 * never shows on the screen or changes the result, concurrent first starts all work, and a stale cache is
 * recorded again.
 */
class LauncherCacheIT {
    static final byte[] JUNK = "not a cache".getBytes();
    @TempDir
    Path home;

    @Test
    void aStaleCacheIsRecordedAgainWhileConcurrentStartsStayClean() throws Exception {
        checkCacheCycle(Map.of(), ".aot");
    }

    @Test
    void java17UsesAnAppCdsArchiveTheSameWay() throws Exception {
        Path java17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(java17.resolve("bin/java")), "no Java 17 at " + java17);
        checkCacheCycle(Map.of("RWSH_JAVA_HOME", java17.toString()), ".jsa");
    }

    private void checkCacheCycle(Map<String, String> env, String suffix) throws Exception {
        assertClean(Rwsh.runWithEnvironment(home, env, null, "--no-rc", "-c", "echo first"), "first");
        Path cache = newestCache(suffix);
        // Unusable content, and older than the class path jars: as after a jar was replaced in place.
        Files.write(cache, JUNK);
        Files.setLastModifiedTime(cache, FileTime.fromMillis(oldestJarTime() - 60_000));
        List<CompletableFuture<Rwsh.Run>> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path ownHome = Files.createDirectories(home.resolve("h" + i));
            starts.add(CompletableFuture.supplyAsync(() -> run(ownHome, env)));
        }
        for (CompletableFuture<Rwsh.Run> start : starts) {
            assertClean(start.get(), "same");
        }
        assertTrue(Files.size(cache) > 1_000_000, "the cache was not recorded again: " + Files.size(cache) + " bytes");
        assertClean(Rwsh.runWithEnvironment(home, env, null, "--no-rc", "-c", "echo same"), "same");
    }

    private static Rwsh.Run run(Path home, Map<String, String> env) {
        try {
            return Rwsh.runWithEnvironment(home, env, null, "--no-rc", "-c", "echo same");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertClean(Rwsh.Run run, String line) {
        assertEquals(0, run.exit(), run.toString());
        assertEquals(line + "\n", run.out(), run.toString());
        assertEquals("", run.err(), run.toString());
    }

    private static Path app() {
        return Rwsh.repo().resolve("shell/target/rwsh-app");
    }

    private static Path newestCache(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(app())) {
            return files.filter(f -> f.getFileName().toString().matches("rwsh-[0-9a-f]+\\" + suffix))
                    .max(Comparator.comparing(LauncherCacheIT::modified))
                    .orElseThrow(() -> new AssertionError("no rwsh-*" + suffix + " in " + app()));
        }
    }

    private static long oldestJarTime() throws IOException {
        try (Stream<Path> jars = Stream.concat(Stream.of(app().resolve("rwsh.jar")), Files.list(app().resolve("lib")))) {
            return jars.mapToLong(LauncherCacheIT::modified).min().orElseThrow();
        }
    }

    private static long modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toMillis();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
