package dev.rwsh.shell.input;

import dev.rwsh.commands.RwshException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.stereotype.Component;

/** The registered commands by the words that name them ({@code sql schema status} is three words). */
@Component
public class CommandWords {
    private final CommandCatalog catalog;

    /** A command found at the start of a line: its name as typed (or alias), and how many words it took. */
    public record Match(String name, CommandRegistration registration, int words) {
    }

    public CommandWords(CommandCatalog catalog) {
        this.catalog = catalog;
    }

    /** Every name a command can be called by, aliases included. */
    public List<String> names() {
        List<String> names = new ArrayList<>();
        for (Map.Entry<String, CommandRegistration> e : catalog.getRegistrations().entrySet()) {
            names.add(e.getKey());
            e.getValue().getAliases().forEach(a -> names.add(a.getCommand()));
        }
        return names;
    }

    public Optional<CommandRegistration> registration(String name) {
        for (Map.Entry<String, CommandRegistration> e : catalog.getRegistrations().entrySet()) {
            if (e.getKey().equals(name) || e.getValue().getAliases().stream().anyMatch(a -> a.getCommand().equals(name))) {
                return Optional.of(e.getValue());
            }
        }
        return Optional.empty();
    }

    /** The command (or alias) made of the most leading words. */
    public Optional<Match> longest(List<String> words) {
        Match best = null;
        for (String name : names()) {
            List<String> parts = split(name);
            if ((best == null || parts.size() > best.words()) && parts.size() <= words.size()
                    && words.subList(0, parts.size()).equals(parts)) {
                best = new Match(name, registration(name).orElseThrow(), parts.size());
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The command the leading words were probably meant to be, for 'did you mean': each command is
     * compared with as many leading words as it has.
     */
    public Optional<String> suggestion(List<String> words) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String name : names()) {
            int n = split(name).size();
            if (n > words.size()) {
                continue;
            }
            String typed = String.join(" ", words.subList(0, n));
            Optional<String> near = EditDistance.closest(typed, List.of(name));
            if (near.isPresent() && EditDistance.between(typed, name) < bestDistance) {
                best = name;
                bestDistance = EditDistance.between(typed, name);
            }
        }
        return Optional.ofNullable(best);
    }

    /** The usage error for a line that starts with no command: names what was typed and the nearest command. */
    public RwshException unknown(List<String> words) {
        Optional<String> near = suggestion(words);
        String typed = near.map(n -> String.join(" ", words.subList(0, split(n).size()))).orElse(words.get(0));
        return RwshException.usage("unknown command '" + typed + "'"
                + near.map(n -> ": did you mean '" + n + "'?").orElse(": 'help' lists the commands"));
    }

    /** The commands that extend {@code name} by one or more words ({@code migrate} → {@code migrate status}). */
    public List<String> longerThan(String name) {
        List<String> longer = new ArrayList<>();
        for (String n : names()) {
            if (n.startsWith(name + " ")) {
                longer.add(n);
            }
        }
        return longer;
    }

    public static List<String> split(String name) {
        return Arrays.asList(name.trim().split("\\s+"));
    }
}
