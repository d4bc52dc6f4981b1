package dev.rwsh.shell.input;

import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaCatalog;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.schema.SchemaResources;
import dev.rwsh.shell.render.OutputFormat;
import dev.rwsh.shell.session.ShellSession;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import org.springframework.context.annotation.Primary;
import org.springframework.shell.command.CommandOption;
import org.springframework.stereotype.Component;

/**
 * TAB at the prompt, context-aware as pgcli is: command words, then the options of that command,
 * then at a value position only what fits there (files, keys of the connected source, column
 * families, catalog names, the words an option takes). Never anything else: a value position with
 * nothing to offer offers nothing, so TAB cannot rewrite the line into something that was not typed.
 * Replaces Spring Shell's completer on the reader (it offers option names at value positions).
 */
@Primary
@Component
public class RwshCompleter implements Completer {
    private static final String FORMAT = "--format";
    private final CommandWords commands;
    private final ShellSession session;
    private final Completer files = new Completers.FileNameCompleter();

    public RwshCompleter(CommandWords commands, ShellSession session) {
        this.commands = commands;
        this.session = session;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        try {
            List<String> before = new ArrayList<>();
            for (String w : line.words().subList(0, line.wordIndex())) {
                if (!w.isEmpty()) {
                    before.add(w);
                }
            }
            String typed = line.word().substring(0, line.wordCursor());
            var match = commands.longest(before);
            if (match.isEmpty() || (match.get().words() == before.size() && !typed.startsWith("-"))) {
                offerWords(nextCommandWords(before), candidates);
            }
            if (match.isPresent()) {
                completeArgument(reader, line, match.get(), before, typed, candidates);
            }
        } catch (RuntimeException e) {
            // Completion is a convenience: not connected, an unreadable source or a bad prefix offers nothing.
        }
    }

    /** The words that continue a command name after {@code before}. */
    private List<String> nextCommandWords(List<String> before) {
        List<String> next = new ArrayList<>();
        for (String name : commands.names()) {
            List<String> parts = CommandWords.split(name);
            if (parts.size() > before.size() && parts.subList(0, before.size()).equals(before)) {
                next.add(parts.get(before.size()));
            }
        }
        return next;
    }

    private void completeArgument(LineReader reader, ParsedLine line, CommandWords.Match match, List<String> before, String typed,
            List<Candidate> candidates) {
        String command = match.name();
        List<CommandOption> options = match.registration().getOptions();
        List<String> rest = before.subList(match.words(), before.size());
        if (typed.startsWith("-")) {
            offerOptions(options, rest, candidates);
            return;
        }
        String previous = rest.isEmpty() ? null : rest.get(rest.size() - 1);
        if (FORMAT.equals(previous)) {
            offerWords(formats(), candidates);
            return;
        }
        CommandOption option = null;
        if (previous != null && LineChecker.looksLikeOption(previous)) {
            option = LineChecker.find(options, previous);
            if (option == null || LineChecker.isBoolean(option)) {
                option = null;
            }
        }
        boolean named = option != null;
        if (!named) {
            option = positional(options, rest);
        }
        ValueKind kind = option == null ? ValueKind.OTHER : ValueKind.of(command, option);
        switch (kind) {
            case FILE -> files.complete(reader, line, candidates);
            case ETCD_KEY -> KeyCompletion.complete(session.engine().openKeyspace(), typed)
                    .forEach(k -> candidates.add(new Candidate(k, k, null, null, null, null, !k.endsWith("/"))));
            case COLUMN_FAMILY -> offerWords(columnFamilies(), candidates);
            case CATALOG_NAME -> offerWords(catalogNames(), candidates);
            case DIFF_CATEGORY -> offerWords(diffCategories(), candidates);
            case COMMAND -> offerWords(nextCommandWords(commandWordsTyped(rest)), candidates);
            case CHOICE -> offerWords(ValueKind.choices(option), candidates);
            case OTHER -> {
                if (!named && typed.isEmpty()) {
                    offerOptions(options, rest, candidates);
                }
            }
        }
    }

    /** The option the next positional word goes to, as {@link LineChecker#check} hands them out. */
    private static CommandOption positional(List<CommandOption> options, List<String> rest) {
        List<CommandOption> given = new ArrayList<>();
        int index = 0;
        for (int i = 0; i < rest.size(); i++) {
            String w = rest.get(i);
            if (!LineChecker.looksLikeOption(w)) {
                index++;
                continue;
            }
            CommandOption o = LineChecker.find(options, w);
            if (o == null || LineChecker.isBoolean(o)) {
                continue;
            }
            given.add(o);
            i++;
            while (o.getArityMax() > 1 && i + 1 < rest.size() && !LineChecker.looksLikeOption(rest.get(i + 1))) {
                i++;
            }
        }
        for (CommandOption o : LineChecker.positionalOptions(options, given)) {
            if (o.getArityMax() > 1 || index == 0) {
                return o;
            }
            index--;
        }
        return null;
    }

    /** help's words so far (a command name of several words is completed word by word). */
    private static List<String> commandWordsTyped(List<String> rest) {
        return rest.stream().filter(w -> !LineChecker.looksLikeOption(w)).toList();
    }

    private static void offerOptions(List<CommandOption> options, List<String> rest, List<Candidate> candidates) {
        Set<String> names = new LinkedHashSet<>();
        for (CommandOption o : options) {
            for (String n : o.getLongNames()) {
                if (!rest.contains("--" + n) && !n.equals("help")) {
                    names.add("--" + n);
                }
            }
        }
        if (!rest.contains(FORMAT)) {
            names.add(FORMAT);
        }
        offerWords(names, candidates);
    }

    private static void offerWords(Collection<String> words, List<Candidate> candidates) {
        for (String w : new LinkedHashSet<>(words)) {
            candidates.add(new Candidate(w, w, null, null, null, null, true));
        }
    }

    private static List<String> formats() {
        List<String> labels = new ArrayList<>();
        for (OutputFormat f : OutputFormat.values()) {
            labels.add(f.label());
        }
        return labels;
    }

    private static List<String> columnFamilies() {
        return List.of(ColumnFamily.names().split(", "));
    }

    private List<String> catalogNames() {
        MetaCatalog catalog = MetaCatalog.load(new MetaReader(session.engine().openKeyspace()));
        List<String> names = new ArrayList<>();
        for (MetaCatalog.CatalogObject o : catalog.objects()) {
            names.add(o.name());
        }
        return names;
    }

    private static List<String> diffCategories() {
        List<String> categories = new ArrayList<>(List.of("cluster", "sequences"));
        categories.addAll(SchemaResources.get().tables());
        return categories;
    }
}
