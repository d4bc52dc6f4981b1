package dev.rwsh.shell.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rwsh.commands.testsupport.EtcdTestData;
import dev.rwsh.commands.testsupport.TestServices;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/rwsh end to end: options, -c, exit codes, output formats, against the real etcd and SQL servers. */
class LauncherIT {
    static EtcdTestData data;
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path home;

    @BeforeAll
    static void writeKeys() {
        data = new EtcdTestData(TestServices.etcd());
        data.put("a/1", "one");
        data.put("a/2", "two");
        data.put("b/1", "three");
        data.put(data.key("bin\u0001"), new byte[] {(byte) 0xff, 0x00});
    }

    @AfterAll
    static void cleanUp() {
        data.close();
    }

    @Test
    void versionAndHelpAnswerWithoutStartingTheShell() throws Exception {
        Rwsh.Run version = Rwsh.run(home, null, "--version");
        assertEquals(0, version.exit(), version.toString());
        assertTrue(version.out().startsWith("rwsh "), version.out());
        Rwsh.Run help = Rwsh.run(home, null, "--help");
        assertEquals(0, help.exit(), help.toString());
        for (String option : new String[] {"-c --command=CMD", "-f --file=FILE", "-v --set=NAME=VALUE", "--etcd-endpoints", "--etcd-user-password", "--sql-endpoint", "--format", "--yes", "--no-rc"}) {
            assertTrue(help.out().contains(option), option + " missing from --help:\n" + help.out());
        }
        // JLine's parser would prepend the words of $RWSH_OPTS if it were given the environment
        Rwsh.Run ignoresEnvironment = Rwsh.runWithEnvironment(home, java.util.Map.of("RWSH_OPTS", "--bogus"), null, "--version");
        assertEquals(0, ignoresEnvironment.exit(), ignoresEnvironment.toString());
        Rwsh.Run bad = Rwsh.run(home, null, "--bogus");
        assertEquals(2, bad.exit(), bad.toString());
        assertEquals("rwsh: unknown option '--bogus' (rwsh --help lists the options)", bad.err().strip());
    }

    @Test
    void commandsRunInOrderAndRenderAsTableJsonAndCsv() throws Exception {
        String p = data.prefix();
        Rwsh.Run run = Rwsh.run(home, null, "--no-rc", "--etcd-endpoints", TestServices.etcd(),
                "-c", "keys " + p + "a/",
                "-c", "get " + p + "a/2 --format json",
                "-c", "count " + p + " --format csv",
                "-c", "tree " + p + " --depth 3 --format json",
                "-c", "keys " + p + "bin");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().contains("│ " + p + "a/1 "), run.out());
        assertTrue(run.out().contains("│ " + p + "a/2 "), run.out());
        int jsonStart = run.out().indexOf('{');
        JsonNode get = JSON.readerFor(JsonNode.class).<JsonNode>readValues(run.out().substring(jsonStart)).next();
        assertEquals("two", get.get("value").asText());
        assertEquals("text", get.get("encoding").asText());
        assertTrue(get.get("mod_revision").asLong() > 0);
        assertTrue(run.out().contains("prefix,keys,revision\n" + p + ",4,"), run.out());
        assertTrue(run.out().contains("\"prefix\" : \"" + p + "a/\""), run.out());
        assertTrue(run.out().contains(p + "bin\\x01"), "binary key byte must be escaped:\n" + run.out());
        assertTrue(run.err().isEmpty(), run.err());
    }

    @Test
    void rawValueBytesReachStdoutUntouched() throws Exception {
        Rwsh.Run run = Rwsh.run(home, null, "--no-rc", "--etcd-endpoints", TestServices.etcd(), "-c", "get " + data.prefix() + "a/1 --raw");
        assertEquals(0, run.exit(), run.toString());
        assertEquals("one", run.out());
    }

    @Test
    void firstFailingCommandStopsWithOneLineAndExitStatusOne() throws Exception {
        Rwsh.Run run = Rwsh.run(home, null, "--no-rc", "--etcd-endpoints", TestServices.etcd(),
                "-c", "echo before", "-c", "get " + data.prefix() + "missing", "-c", "echo after");
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.out().contains("before"));
        assertFalse(run.out().contains("after"), run.out());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertTrue(run.err().startsWith("error: -c:2: no key '" + data.prefix() + "missing'"), run.err());
    }

    @Test
    void theOptimisingCompilerStartsLaterUnlessAskedNotTo() throws Exception {
        java.util.regex.Pattern threshold = java.util.regex.Pattern.compile("Tier4InvocationThreshold\\s+=\\s+(\\d+)");
        Rwsh.Run launcher = Rwsh.runWithEnvironment(home, java.util.Map.of("RWSH_NO_CDS", "1", "RWSH_JAVA_OPTS", "-XX:+PrintFlagsFinal"),
                null, "--no-rc", "-c", "echo x");
        java.util.regex.Matcher raised = threshold.matcher(launcher.out());
        assertTrue(raised.find(), launcher.toString());
        assertEquals("50000", raised.group(1));
        Rwsh.Run defaults = Rwsh.runWithEnvironment(home,
                java.util.Map.of("RWSH_NO_CDS", "1", "RWSH_DEFAULT_JIT", "1", "RWSH_JAVA_OPTS", "-XX:+PrintFlagsFinal"), null, "--no-rc", "-c", "echo x");
        java.util.regex.Matcher jvmDefault = threshold.matcher(defaults.out());
        assertTrue(jvmDefault.find(), defaults.toString());
        assertEquals("5000", jvmDefault.group(1));
    }

    @Test
    void pipedOutputStartsNoInfocmp() throws Exception {
        // JLine asks terminfo for a terminal's capabilities by starting infocmp; with output piped the terminal is a
        // dumb one, whose capabilities JLine bundles (BundledDumbTerminalCapabilities). An infocmp first on PATH
        // records each call.
        Path bin = Files.createDirectories(home.resolve("bin"));
        Path calls = home.resolve("infocmp-calls");
        Path infocmp = bin.resolve("infocmp");
        Files.writeString(infocmp, "#!/bin/sh\necho \"$@\" >> '" + calls + "'\nexit 1\n");
        assertTrue(infocmp.toFile().setExecutable(true));
        Rwsh.Run run = Rwsh.runWithEnvironment(home, java.util.Map.of("PATH", bin + ":" + System.getenv("PATH")),
                null, "--no-rc", "-c", "echo x", "-c", "vars --format csv");
        assertEquals(0, run.exit(), run.toString());
        assertTrue(run.out().startsWith("x\n"), run.toString());
        assertFalse(Files.exists(calls), () -> "infocmp was started: " + readOrEmpty(calls));
    }

    private static String readOrEmpty(Path file) {
        try {
            return Files.readString(file);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void springConfigurationInTheWorkingDirectoryChangesNothing() throws Exception {
        // Spring Boot would read ./application.properties and ./config/ (here: print its banner, log at DEBUG);
        // rwsh takes its settings from its own jar only.
        Files.writeString(home.resolve("application.properties"), "spring.main.banner-mode=console\nlogging.level.root=DEBUG\n");
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/application.properties"), "spring.main.banner-mode=console\n");
        Rwsh.Run run = Rwsh.run(home, null, "--no-rc", "-c", "echo x");
        assertEquals(0, run.exit(), run.toString());
        assertEquals("x\n", run.out());
        assertEquals("", run.err());
    }

    @Test
    void usageErrorsExitWithTwo() throws Exception {
        Rwsh.Run unknown = Rwsh.run(home, null, "--no-rc", "-c", "frobnicate");
        assertEquals(2, unknown.exit(), unknown.toString());
        assertTrue(unknown.err().contains("unknown command 'frobnicate'"), unknown.err());
        Rwsh.Run badValue = Rwsh.run(home, null, "--no-rc", "-c", "keys --limit many");
        assertEquals(2, badValue.exit(), badValue.toString());
    }

    @Test
    void unreachableEtcdAtStartFailsWithoutATrace() throws Exception {
        // a port that accepts connections (the kernel's backlog) but never answers: the shell waits
        // RWSH_ETCD_TIMEOUT (here 2 s instead of the tests' 120 s) and names it
        Rwsh.Run run;
        int port;
        try (ServerSocket silent = new ServerSocket(0)) {
            port = silent.getLocalPort();
            run = Rwsh.runWithEnvironment(home, java.util.Map.of("RWSH_ETCD_TIMEOUT", "2"), null,
                    "--no-rc", "--etcd-endpoints", "127.0.0.1:" + port, "-c", "keys");
        }
        assertEquals(1, run.exit(), run.toString());
        assertTrue(run.err().startsWith("error: could not connect to etcd at 127.0.0.1:" + port), run.err());
        assertTrue(run.err().contains("within 2 s"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace expected:\n" + run.err());
    }

    @Test
    void badEtcdTimeoutVariableIsAUsageError() throws Exception {
        Rwsh.Run run = Rwsh.runWithEnvironment(home, java.util.Map.of("RWSH_ETCD_TIMEOUT", "soon"), null,
                "--no-rc", "-c", "connect etcd --endpoints 127.0.0.1:1");
        assertEquals(2, run.exit(), run.toString());
        assertEquals("error: -c:1: RWSH_ETCD_TIMEOUT must be a positive number of seconds, not 'soon'; unset it for the default of 5\n", run.err());
    }

    @Test
    void sqlPasswordNeverAppearsInStatusOrErrors() throws Exception {
        Rwsh.Run ok = Rwsh.run(home, null, "--no-rc", "--sql-endpoint", TestServices.postgresUrl(), "-c", "status --format json");
        assertEquals(0, ok.exit(), ok.toString());
        JsonNode status = JSON.readTree(ok.out());
        assertEquals("postgres", status.get("sql").get("backend").asText());
        assertTrue(status.get("sql").get("endpoint").asText().contains(":****@"), ok.out());
        assertTrue(status.get("etcd").isNull(), ok.out());
        String wrong = TestServices.postgresUrl().replace("rwsh:rwsh@", "rwsh:Wr0ngSecret@");
        Rwsh.Run bad = Rwsh.run(home, null, "--no-rc", "--sql-endpoint", wrong, "-c", "status");
        assertEquals(1, bad.exit(), bad.toString());
        assertFalse((bad.out() + bad.err()).contains("Wr0ngSecret"), bad.toString());
    }

    @Test
    void rcFileIsReadUnlessNoRc() throws Exception {
        Files.writeString(home.resolve(".rwshrc"), "# my settings\nset FROM_RC yes\nformat json\n");
        Rwsh.Run withRc = Rwsh.run(home, null, "-c", "echo rc=${FROM_RC}", "-c", "vars");
        assertEquals(0, withRc.exit(), withRc.toString());
        assertTrue(withRc.out().contains("rc=yes"), withRc.out());
        assertTrue(withRc.out().contains("\"FROM_RC\" : \"yes\""), "format json from the rc file:\n" + withRc.out());
        Rwsh.Run noRc = Rwsh.run(home, null, "--no-rc", "-c", "echo rc=${FROM_RC}");
        assertEquals(2, noRc.exit(), noRc.toString());
        assertTrue(noRc.err().contains("${FROM_RC} is not set"), noRc.err());
    }
}
