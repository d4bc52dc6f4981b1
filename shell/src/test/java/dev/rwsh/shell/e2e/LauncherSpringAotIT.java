package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/rwsh starts the Spring context from the code Spring's AOT processing generated at build time, on every
 * JDK it picks, and the shell it starts registers the same commands as one started the ordinary way
 * ({@code RWSH_NO_SPRING_AOT=1}); no CGLIB proxy class is loaded at start.
 */
class LauncherSpringAotIT {
    static final String GENERATED_INITIALIZER = "dev.rwsh.shell.RwshAotBuild__ApplicationContextInitializer";
    static final String EXEC_PROVIDER = "org.jline.terminal.impl.exec.ExecTerminalProvider";

    @TempDir
    Path home;

    @Test
    void theDefaultJdkStartsFromTheGeneratedContext() throws Exception {
        checkGeneratedContextIsUsed(Map.of());
    }

    @Test
    void java17StartsFromTheGeneratedContextToo() throws Exception {
        Path java17 = Path.of("/usr/lib/jvm/java-17-openjdk-amd64");
        Assumptions.assumeTrue(Files.isExecutable(java17.resolve("bin/java")), "no Java 17 at " + java17);
        checkGeneratedContextIsUsed(Map.of("RWSH_JAVA_HOME", java17.toString()));
    }

    private void checkGeneratedContextIsUsed(Map<String, String> jdk) throws Exception {
        Path aotLog = home.resolve("aot-classes.txt");
        Path plainLog = home.resolve("plain-classes.txt");
        Rwsh.Run aot = run(jdk, aotLog, false);
        Rwsh.Run plain = run(jdk, plainLog, true);
        assertTrue(Files.readString(aotLog).contains(GENERATED_INITIALIZER + " "), "the launcher did not start the generated context");
        // Beans needed later (the runbook runner in `source`, the history in the interactive loop) are looked up
        // then, not wrapped at start in lazy-resolution subclasses that CGLIB would have to load and link.
        assertFalse(Files.readString(aotLog).contains("$$SpringCGLIB$$"), "a CGLIB proxy class was loaded at start");
        assertFalse(Files.readString(plainLog).contains(GENERATED_INITIALIZER + " "), "RWSH_NO_SPRING_AOT=1 still used it");
        // With output piped, JLine's exec provider would start a process per standard stream to ask whether it is a
        // terminal; JLine's native library loads here, so only its JNI provider is asked (NativeTerminalFirst).
        assertFalse(Files.readString(aotLog).contains(EXEC_PROVIDER + " "), "JLine's exec terminal provider was asked");
        assertEquals(0, aot.exit(), aot.toString());
        assertEquals("", aot.err(), aot.toString());
        assertTrue(aot.out().contains("migrate"), aot.toString());
        // Spring Shell's help lists a group's commands in an order that varies from start to start (either way).
        assertEquals(plain.exit(), aot.exit(), plain.toString());
        assertEquals(sortedLines(plain.out()), sortedLines(aot.out()), "help differs between the generated and the ordinary context");
    }

    @Test
    void withoutJLinesNativeLibraryTheExecProviderIsTheFallback() throws Exception {
        // JLine extracts its native library to jline.tmpdir: a directory that does not exist makes it fail to load.
        Path classLog = home.resolve("fallback-classes.txt");
        Map<String, String> env = new HashMap<>();
        env.put("RWSH_NO_CDS", "1");
        env.put("RWSH_JAVA_OPTS", "-Djline.tmpdir=" + home.resolve("missing") + " -Xlog:class+load=info:file=" + classLog);
        Rwsh.Run run = Rwsh.runWithEnvironment(home, env, null, "--no-rc", "-c", "echo fallback");
        assertEquals(0, run.exit(), run.toString());
        assertEquals("fallback\n", run.out(), run.toString());
        assertTrue(Files.readString(classLog).contains(EXEC_PROVIDER + " "), "JLine's default providers were not used");
    }

    private static List<String> sortedLines(String text) {
        return text.lines().sorted().toList();
    }

    /** `help` with the classes loaded logged to a file; without a start-up cache, so the log option records none. */
    private Rwsh.Run run(Map<String, String> jdk, Path classLog, boolean plainSpring) throws Exception {
        Map<String, String> env = new HashMap<>(jdk);
        env.put("RWSH_NO_CDS", "1");
        env.put("RWSH_JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
        if (plainSpring) {
            env.put("RWSH_NO_SPRING_AOT", "1");
        }
        return Rwsh.runWithEnvironment(home, env, null, "--no-rc", "-c", "help");
    }
}
