package dev.rwsh.shell.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.shell.launch.LaunchOptions;
import dev.rwsh.shell.runbook.LineExecutor;
import dev.rwsh.shell.runbook.LineOutcome;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandOption;
import org.springframework.shell.command.CommandRegistration;

/**
 * Every registered command (taken from the catalog, so a new command is covered without touching
 * this test) with a missing value, a wrong type and an unknown option: each is one usage line,
 * exit status 2, naming the option, with no Java internals. Runs the real application in-process,
 * not connected to anything: nothing may get as far as running the command.
 */
class CommandSweepIT {
    private static final PrintStream REAL_ERR = System.err;
    private static final ByteArrayOutputStream ERR = new ByteArrayOutputStream();
    private static ConfigurableApplicationContext context;

    @BeforeAll
    static void start() {
        // LineExecutor takes System.err when it is built: swap it first to read its error lines.
        System.setErr(new PrintStream(ERR, true, StandardCharsets.UTF_8));
        LaunchOptions options = new LaunchOptions();
        options.noRc = true;
        options.commands.add("echo sweep-ready");
        context = dev.rwsh.shell.RwshContext.start(options);
        context.getBean(dev.rwsh.shell.RwshShellRunner.class).run();
    }

    @AfterAll
    static void stop() {
        if (context != null) {
            context.close();
        }
        System.setErr(REAL_ERR);
    }

    private record Failure(LineOutcome outcome, String error) {
    }

    private static Failure run(String line) {
        ERR.reset();
        LineOutcome outcome = context.getBean(LineExecutor.class).execute(line, null);
        return new Failure(outcome, ERR.toString(StandardCharsets.UTF_8));
    }

    /** One line, status 2, no class names or Spring Shell internals. */
    private static String assertUsageLine(String line, String mustMention) {
        Failure f = run(line);
        String where = "'" + line + "' printed:\n" + f.error();
        assertEquals(ExitStatus.USAGE, f.outcome().status(), where);
        String error = f.error().strip();
        assertFalse(error.isEmpty(), where);
        assertFalse(error.contains("\n"), "more than one line: " + where);
        assertTrue(error.startsWith("error: "), where);
        assertTrue(error.contains(mustMention), "does not name " + mustMention + ": " + where);
        for (String internal : List.of("internal error", "Exception", "java.", "springframework", "Endpoint [", "Failed to convert")) {
            assertFalse(error.contains(internal), "shows '" + internal + "': " + where);
        }
        return error;
    }

    @Test
    void everyCommandRejectsAMissingValueAWrongTypeAndAnUnknownOptionInOneUsageLine() {
        Map<String, CommandRegistration> registrations = context.getBean(CommandCatalog.class).getRegistrations();
        assertTrue(registrations.size() > 40, "the catalog lists " + registrations.keySet());
        List<String> swept = new ArrayList<>();
        for (Map.Entry<String, CommandRegistration> e : registrations.entrySet()) {
            String command = e.getKey();
            assertUsageLine(command + " --no-such-option", "--no-such-option");
            assertUsageLine(command + " --format", "--format");
            for (CommandOption option : e.getValue().getOptions()) {
                if (option.getLongNames().length == 0 || option.getLongNames()[0].equals("help") || LineChecker.isBoolean(option)) {
                    continue;
                }
                String name = "--" + option.getLongNames()[0];
                assertUsageLine(command + " " + name, name);
                Class<?> type = option.getType().resolve();
                if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
                    assertUsageLine(command + " " + name + " abc", name);
                }
                swept.add(command + " " + name);
            }
        }
        assertTrue(swept.contains("keys --limit") && swept.contains("backup restore --max-txn-ops"), swept.toString());
    }

    @Test
    void typosGetTheNearestCommandOrOption() {
        assertTrue(assertUsageLine("stauts", "stauts").endsWith("did you mean 'status'?"));
        assertTrue(assertUsageLine("migrat", "migrat").endsWith("did you mean 'migrate'?"));
        assertTrue(assertUsageLine("cataloog", "cataloog").endsWith("did you mean 'catalog'?"));
        assertTrue(assertUsageLine("keys --limt 5", "--limt").endsWith("did you mean --limit?"));
        assertTrue(assertUsageLine("migrate --dryrun", "--dryrun").endsWith("did you mean --dry-run?"));
        assertTrue(assertUsageLine("sql scheme status", "sql scheme status").endsWith("did you mean 'sql schema status'?"));
        assertTrue(assertUsageLine("migrate statsu", "statsu").endsWith("did you mean 'migrate status'?"));
        assertTrue(assertUsageLine("help migrat", "migrat").endsWith("did you mean 'migrate'?"));
        assertTrue(assertUsageLine("keys --limit abc", "--limit").contains("whole number"));
        assertTrue(assertUsageLine("keys cf/ abc", "abc").contains("whole number"));
        assertUsageLine("keys --limit", "--limit");
        assertUsageLine("xyzzy", "'help' lists the commands");
    }

    private static List<String> completions(String line) {
        org.jline.reader.Parser parser = context.getBean(org.jline.reader.Parser.class);
        List<org.jline.reader.Candidate> candidates = new ArrayList<>();
        context.getBean(RwshCompleter.class).complete(null, parser.parse(line, line.length(), org.jline.reader.Parser.ParseContext.COMPLETE),
                candidates);
        return candidates.stream().map(org.jline.reader.Candidate::value).toList();
    }

    /** The defect class of '--backup TAB' becoming '--backup -': an option's value position never offers option names. */
    @Test
    void aValuePositionNeverOffersOptionNames() {
        Map<String, CommandRegistration> registrations = context.getBean(CommandCatalog.class).getRegistrations();
        for (Map.Entry<String, CommandRegistration> e : registrations.entrySet()) {
            for (CommandOption option : e.getValue().getOptions()) {
                if (option.getLongNames().length == 0 || LineChecker.isBoolean(option)
                        || ValueKind.of(e.getKey(), option) == ValueKind.FILE) {
                    continue;
                }
                String line = e.getKey() + " --" + option.getLongNames()[0] + " ";
                List<String> offered = completions(line);
                assertTrue(offered.stream().noneMatch(c -> c.startsWith("-")), "'" + line + "TAB' offers " + offered);
            }
            List<String> format = completions(e.getKey() + " --format ");
            assertEquals(List.of("table", "json", "csv"), format.stream().sorted(java.util.Comparator.comparing(List.of("table", "json", "csv")::indexOf)).toList(),
                    e.getKey() + " --format TAB");
            assertTrue(completions(e.getKey() + " --fo").contains("--format"), e.getKey() + " does not offer --format");
        }
    }

    @Test
    void completionOffersWhatFitsThePosition() {
        assertTrue(completions("conn").contains("connect"));
        assertEquals(List.of("etcd", "sql"), completions("connect ").stream().sorted().toList());
        assertTrue(completions("meta list cat").contains("catalog_table"));
        assertTrue(completions("meta get --family ").contains("worker"));
        assertTrue(completions("diff --category ").containsAll(List.of("actor", "cluster", "sequences")));
        assertTrue(completions("config emit --style ").containsAll(List.of("flags", "split-flags", "env", "toml", "operator", "helm")));
        assertEquals(List.of("etcd", "sql"), completions("disconnect ").stream().sorted().toList());
        assertTrue(completions("help ").containsAll(List.of("keys", "migrate", "sql")));
        assertTrue(completions("help sql ").containsAll(List.of("schema", "query", "tables")));
        assertTrue(completions("migrate ").containsAll(List.of("status", "--dry-run", "--format")));
        assertTrue(completions("keys --li").contains("--limit"));
        assertEquals(List.of(), completions("keys --limit "));
    }

    /** Spring Shell gave 'keys --limit 2 cf/x' both words to --limit and dropped the prefix without a word. */
    @Test
    void positionalWordsGoToTheirOptionWhereverTheyStand() {
        CommandWords words = context.getBean(CommandWords.class);
        LineChecker checker = context.getBean(LineChecker.class);
        List<String> line = List.of("keys", "--limit", "2", "cf/x");
        assertEquals(List.of("keys", "--prefix", "cf/x", "--limit", "2"), checker.check(words.longest(line).orElseThrow(), line));
        line = List.of("set", "NAME", "a", "b");
        assertEquals(List.of("set", "--name", "NAME", "--value", "a", "b"), checker.check(words.longest(line).orElseThrow(), line));
        line = List.of("get", "--hex", "cf/\\x08");
        assertEquals(List.of("get", "--key", "cf/\\x08", "--hex"), checker.check(words.longest(line).orElseThrow(), line));
        assertTrue(assertUsageLine("keys cf/ 5 extra", "'extra'").contains("unexpected word"));
    }

    /** Spring Shell's own listing took each group's commands from a hash map filled in identity-hash order: it changed between starts. */
    @Test
    void helpListsGroupsAndTheirCommandsInAlphabeticalOrder() throws Exception {
        String listing = context.getBean(dev.rwsh.shell.command.HelpCommand.class).help(null).toString();
        List<String> groups = new ArrayList<>();
        Map<String, List<String>> commands = new java.util.LinkedHashMap<>();
        for (String line : listing.split("\n")) {
            if (line.isBlank() || line.equals("AVAILABLE COMMANDS")) {
                continue;
            }
            if (!line.startsWith(" ")) {
                groups.add(line);
            } else {
                commands.computeIfAbsent(groups.get(groups.size() - 1), g -> new ArrayList<>()).add(line.strip().split("[:,]")[0]);
            }
        }
        assertEquals(groups.stream().sorted().toList(), groups, listing);
        assertTrue(groups.size() > 5, listing);
        commands.forEach((group, names) -> assertEquals(names.stream().sorted().toList(), names, group));
        assertTrue(commands.get("Backup").containsAll(List.of("backup save", "backup restore", "sample backup")), listing);
    }

    @Test
    void helpStillAnswersForARealCommand() {
        Failure f = run("help sql schema status");
        assertEquals(ExitStatus.OK, f.outcome().status(), f.error());
    }
}
