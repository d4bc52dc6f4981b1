package dev.rwsh.shell.runbook;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.RwshException;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.sql.SecretText;
import dev.rwsh.shell.render.OutputFormat;
import dev.rwsh.shell.input.CommandWords;
import dev.rwsh.shell.input.LineChecker;
import dev.rwsh.shell.render.LineDisplay;
import dev.rwsh.shell.render.TerminalOutput;
import dev.rwsh.shell.session.ShellSession;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.EOFError;
import org.jline.reader.Parser;
import org.jline.terminal.Terminal;
import org.springframework.context.annotation.Lazy;
import org.springframework.core.convert.ConversionException;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.shell.CommandNotCurrentlyAvailable;
import org.springframework.shell.ExitRequest;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandExecution;
import org.springframework.shell.command.CommandExecution.CommandExecutionHandlerMethodArgumentResolvers;
import org.springframework.shell.config.ShellConversionServiceSupplier;
import org.springframework.shell.context.ShellContext;
import org.springframework.stereotype.Component;

/**
 * Runs one line of input, the same way in the interactive shell, for {@code -c} and in runbooks:
 * comment and blank lines are skipped, variables expanded, the words matched to a command, the
 * command run, its result rendered, and any error reported as one line (the trace is kept for
 * {@code stacktrace}).
 */
@Component
public class LineExecutor {
    private final ShellSession session;
    private final TerminalOutput output;
    private final CommandCatalog catalog;
    private final CommandExecutionHandlerMethodArgumentResolvers resolvers;
    private final ShellConversionServiceSupplier conversion;
    private final Terminal terminal;
    private final ShellContext shellContext;
    private final Parser parser;
    private final CommandWords commandWords;
    private final LineChecker checker;
    private PrintStream out = System.out;
    private PrintStream err = System.err;

    public LineExecutor(ShellSession session, TerminalOutput output, CommandCatalog catalog,
            CommandExecutionHandlerMethodArgumentResolvers resolvers, ShellConversionServiceSupplier conversion,
            @Lazy Terminal terminal, ShellContext shellContext, Parser parser, CommandWords commandWords, LineChecker checker) {
        this.session = session;
        this.output = output;
        this.catalog = catalog;
        this.resolvers = resolvers;
        this.conversion = conversion;
        this.terminal = terminal;
        this.shellContext = shellContext;
        this.parser = parser; // LiteralBackslashParser, shared with the interactive reader
        this.commandWords = commandWords;
        this.checker = checker;
    }

    public PrintStream out() {
        return out;
    }

    /**
     * Runs {@code line}; {@code where} (such as "deploy.rwsh:12") prefixes its error message, or is null.
     */
    public LineOutcome execute(String line, String where) {
        if (line == null || line.isBlank() || line.stripLeading().startsWith("#")) {
            return LineOutcome.OK;
        }
        try {
            String expanded = VariableExpander.expand(line, session.variables(), System::getenv);
            List<String> words = words(expanded);
            if (words.isEmpty()) {
                return LineOutcome.OK;
            }
            OutputFormat format = takeFormatOption(words);
            LineDisplay display = LineDisplay.take(words, session.expanded(), session.pager());
            Object result = evaluate(words);
            output.show(result, format, display, out);
            ExitStatus status = result instanceof CommandResult r ? r.exitStatus() : ExitStatus.OK;
            return new LineOutcome(status, false);
        } catch (ExitRequest e) {
            return new LineOutcome(ExitStatus.OK, true);
        } catch (Throwable t) {
            Throwable error = unwrap(t);
            if (error instanceof ExitRequest) {
                return new LineOutcome(ExitStatus.OK, true);
            }
            session.lastError(error);
            ExitStatus status = statusOf(error);
            err.println("error: " + (where == null ? "" : where + ": ") + SecretText.mask(messageOf(error)));
            err.flush();
            return new LineOutcome(status, false);
        }
    }

    private List<String> words(String line) {
        try {
            List<String> words = new ArrayList<>();
            for (String w : parser.parse(line, line.length(), Parser.ParseContext.ACCEPT_LINE).words()) {
                if (!w.isEmpty()) {
                    words.add(w);
                }
            }
            return words;
        } catch (EOFError e) {
            throw RwshException.usage("unclosed quote in: " + line);
        }
    }

    /** {@code --format F} anywhere on a line applies to that line only. */
    private OutputFormat takeFormatOption(List<String> words) {
        OutputFormat format = session.format();
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            if (w.equals("--format")) {
                if (i + 1 >= words.size()) {
                    throw RwshException.usage("--format needs a value: table, json or csv");
                }
                format = OutputFormat.parse(words.get(i + 1));
                words.subList(i, i + 2).clear();
                i--;
            } else if (w.startsWith("--format=")) {
                format = OutputFormat.parse(w.substring("--format=".length()));
                words.remove(i);
                i--;
            }
        }
        return format;
    }

    private Object evaluate(List<String> typed) {
        CommandWords.Match match = commandWords.longest(typed).orElseThrow(() -> commandWords.unknown(typed));
        List<String> words = checker.check(match, typed); // every option named: Spring Shell does no guessing
        String command = match.name();
        CommandExecution execution = CommandExecution.of(resolvers.getResolvers(), null, terminal, shellContext,
                conversion.get(), catalog);
        Thread commandThread = Thread.currentThread();
        Terminal.SignalHandler previous = terminal.handle(Terminal.Signal.INT, s -> commandThread.interrupt());
        try {
            Object result = execution.evaluate(words.toArray(new String[0]));
            if (result instanceof CommandNotCurrentlyAvailable unavailable) {
                throw RwshException.failed("'" + command + "' is not available now: " + unavailable.getMessage());
            }
            return result;
        } finally {
            terminal.handle(Terminal.Signal.INT, previous);
            Thread.interrupted(); // an interrupt that arrived after the command finished must not leak into the next
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while (true) {
            if (e instanceof UndeclaredThrowableException u && u.getCause() != null) {
                e = u.getCause();
            } else if (e instanceof InvocationTargetException i && i.getCause() != null) {
                e = i.getCause();
            } else if (e instanceof org.springframework.shell.command.CommandExecution.CommandExecutionException c
                    && c.getCause() != null) {
                e = c.getCause();
            } else if (e instanceof org.springframework.messaging.MessageHandlingException m && m.getCause() != null) {
                e = m.getCause();
            } else {
                return e;
            }
        }
    }

    static ExitStatus statusOf(Throwable error) {
        if (error instanceof RwshException r) {
            return r.status();
        }
        if (error instanceof CommandExecution.CommandParserExceptionsException || error instanceof ConversionException) {
            return ExitStatus.USAGE;
        }
        return ExitStatus.FAILED;
    }

    static String messageOf(Throwable error) {
        if (error instanceof RwshException) {
            return error.getMessage();
        }
        if (error instanceof CommandExecution.CommandParserExceptionsException p) {
            List<String> messages = new ArrayList<>();
            p.getParserExceptions().forEach(e -> messages.add(e.getMessage()));
            return String.join("; ", messages) + " ('help COMMAND' shows its options)";
        }
        if (error instanceof ConversionFailedException c) {
            return "bad value '" + c.getValue() + "': " + expected(c.getTargetType()) + " ('help COMMAND' shows its options)";
        }
        if (error instanceof ConversionException) {
            return "bad option value ('help COMMAND' shows its options)";
        }
        if (error instanceof InterruptedException) {
            return "interrupted";
        }
        return "internal error: " + error.getClass().getSimpleName() + (error.getMessage() == null ? "" : ": " + error.getMessage())
                + " ('stacktrace' shows where)";
    }

    private static String expected(TypeDescriptor type) {
        Class<?> t = type == null ? Object.class : type.getObjectType();
        if (t == Integer.class || t == Long.class || t == Short.class) {
            return "a whole number is expected";
        }
        if (t == Boolean.class) {
            return "true or false is expected";
        }
        return "a " + t.getSimpleName().toLowerCase(java.util.Locale.ROOT) + " is expected";
    }
}
