package dev.rwsh.shell.input;

import dev.rwsh.commands.RwshException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.shell.command.CommandOption;
import org.springframework.stereotype.Component;

/**
 * Checks a line's options against its command before the command runs, so that a typo, a missing
 * value or a word where a number belongs is one usage line that names the option (and suggests
 * the nearest one), never an error from deep inside Spring Shell.
 */
@Component
public class LineChecker {
    private final CommandWords commands;

    public LineChecker(CommandWords commands) {
        this.commands = commands;
    }

    /**
     * Checks the line and returns it with every option named: positional words go to the value
     * options not given by name, in their declared order (one taking many words takes the rest),
     * and a named option takes one value (an option taking many, every word up to the next option).
     * Spring Shell then never guesses: left to itself it gave {@code keys --limit 2 cf/x} both words
     * to --limit and silently dropped the prefix. {@code words} is the whole line; {@code match}
     * the command at its start.
     */
    public List<String> check(CommandWords.Match match, List<String> words) {
        String command = match.name();
        List<CommandOption> options = match.registration().getOptions();
        List<String> rest = words.subList(match.words(), words.size());
        List<String> named = new ArrayList<>();
        List<CommandOption> given = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < rest.size(); i++) {
            String word = rest.get(i);
            if (!looksLikeOption(word)) {
                positional.add(word);
                continue;
            }
            named.add(word);
            if (isHelp(word)) {
                continue;
            }
            CommandOption option = find(options, word);
            if (option == null) {
                throw unknownOption(command, word, options);
            }
            given.add(option);
            if (isBoolean(option)) {
                if (i + 1 < rest.size() && (rest.get(i + 1).equals("true") || rest.get(i + 1).equals("false"))) {
                    named.add(rest.get(++i));
                }
                continue;
            }
            if (i + 1 >= rest.size() || looksLikeOption(rest.get(i + 1))) {
                throw RwshException.usage(command + ": " + word + " needs a value" + labelOf(option));
            }
            checkValue(command, word, option, rest.get(i + 1));
            named.add(rest.get(++i));
            while (option.getArityMax() > 1 && i + 1 < rest.size() && !looksLikeOption(rest.get(i + 1))) {
                named.add(rest.get(++i));
            }
        }
        checkSubCommand(command, positional);
        checkCommandName(command, options, positional, named);
        List<String> result = new ArrayList<>(words.subList(0, match.words()));
        int next = 0;
        for (CommandOption option : positionalOptions(options, given)) {
            if (next >= positional.size()) {
                break;
            }
            String name = "--" + option.getLongNames()[0];
            checkValue(command, name, option, positional.get(next));
            result.add(name);
            int take = option.getArityMax() > 1 ? positional.size() - next : 1;
            result.addAll(positional.subList(next, next + take));
            next += take;
        }
        if (next < positional.size()) {
            throw RwshException.usage(command + ": unexpected word '" + positional.get(next) + "' ('help " + command + "' shows what it takes)");
        }
        result.addAll(named);
        return result;
    }

    /** The options positional words go to: those taking a value, not given by name, in declared order. */
    public static List<CommandOption> positionalOptions(List<CommandOption> options, Collection<CommandOption> given) {
        List<CommandOption> free = new ArrayList<>();
        for (CommandOption o : options) {
            if (!given.contains(o) && !isBoolean(o) && o.getLongNames().length > 0 && !o.getLongNames()[0].equals("help")) {
                free.add(o);
            }
        }
        return free;
    }

    /** {@code --name} or {@code -n}; {@code -1} is a number, not an option. */
    public static boolean looksLikeOption(String word) {
        return word.matches("--?[A-Za-z][A-Za-z0-9-]*(=.*)?");
    }

    public static CommandOption find(List<CommandOption> options, String word) {
        for (CommandOption o : options) {
            for (String name : o.getLongNames()) {
                if (word.equals("--" + name)) {
                    return o;
                }
            }
            for (Character c : o.getShortNames()) {
                if (word.equals("-" + c)) {
                    return o;
                }
            }
        }
        return null;
    }

    public static boolean isBoolean(CommandOption option) {
        Class<?> type = option.getType() == null ? null : option.getType().resolve();
        return type == boolean.class || type == Boolean.class;
    }

    private static boolean isHelp(String word) {
        return word.equals("--help") || word.equals("-h");
    }

    private static boolean isWholeNumber(CommandOption option) {
        Class<?> type = option.getType() == null ? null : option.getType().resolve();
        return type == int.class || type == Integer.class || type == long.class || type == Long.class;
    }

    private static String labelOf(CommandOption option) {
        return option.getLabel() == null || option.getLabel().isBlank() ? "" : " (" + option.getLabel() + ")";
    }

    private static void checkValue(String command, String word, CommandOption option, String value) {
        if (isWholeNumber(option)) {
            try {
                Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw RwshException.usage(command + ": " + word + " takes a whole number" + labelOf(option) + ", not '" + value + "'");
            }
        }
    }

    private static RwshException unknownOption(String command, String word, List<CommandOption> options) {
        List<String> names = new ArrayList<>();
        for (CommandOption o : options) {
            for (String n : o.getLongNames()) {
                names.add(n);
            }
        }
        String typed = word.replaceFirst("^--?", "").replaceFirst("=.*", "");
        Optional<String> near = EditDistance.closest(typed, names);
        return RwshException.usage(command + ": unknown option " + word
                + near.map(n -> ": did you mean --" + n + "?").orElse(" ('help " + command + "' lists its options)"));
    }

    /** {@code migrate statsu}: a word after a command that has sub-commands, close to one of them. */
    private void checkSubCommand(String command, List<String> positional) {
        List<String> longer = commands.longerThan(command);
        if (positional.isEmpty() || longer.isEmpty()) {
            return;
        }
        String typed = command + " " + positional.get(0);
        if (longer.contains(typed)) {
            return;
        }
        EditDistance.closest(typed, longer).ifPresent(near -> {
            throw RwshException.usage("unknown command '" + typed + "': did you mean '" + near + "'?");
        });
    }

    /** help's words must name a command. */
    private void checkCommandName(String command, List<CommandOption> options, List<String> positional, List<String> named) {
        List<String> words = new ArrayList<>(positional);
        for (int i = 0; i < named.size(); i++) {
            CommandOption o = find(options, named.get(i));
            if (o != null && ValueKind.of(command, o) == ValueKind.COMMAND) {
                for (int j = i + 1; j < named.size() && !looksLikeOption(named.get(j)); j++) {
                    words.add(named.get(j));
                }
            }
        }
        boolean takesCommand = options.stream().anyMatch(o -> ValueKind.of(command, o) == ValueKind.COMMAND);
        if (!takesCommand || words.isEmpty()) {
            return;
        }
        String wanted = String.join(" ", words);
        if (commands.registration(wanted).isPresent()) {
            return;
        }
        throw RwshException.usage(command + ": no command '" + wanted + "'"
                + commands.suggestion(words).map(n -> ": did you mean '" + n + "'?").orElse(" ('help' lists the commands)"));
    }
}
