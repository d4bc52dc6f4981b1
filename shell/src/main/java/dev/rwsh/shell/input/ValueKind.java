package dev.rwsh.shell.input;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.shell.command.CommandOption;

/**
 * What an option's value is, so that completion offers only what fits there and a closed set of
 * values can be checked before the command runs.
 */
public enum ValueKind {
    /** A path on this machine. */
    FILE,
    /** An etcd key or prefix of the connected source, written with \xNN escapes. */
    ETCD_KEY,
    /** A column family name as meta list/get take it. */
    COLUMN_FAMILY,
    /** A catalog object's name. */
    CATALOG_NAME,
    /** A diff category: a SQL table of RisingWave's schema, cluster or sequences. */
    DIFF_CATEGORY,
    /** A command name (help's argument). */
    COMMAND,
    /** One of the words the option's label lists ({@code table|json|csv}). */
    CHOICE,
    /** Free text: nothing to offer. */
    OTHER;

    private static final Set<String> KEY_COMMANDS = Set.of("keys", "get", "count", "tree", "backup save");
    /** A label that lists literal words, such as {@code etcd|sql}; {@code USER|USER:PASS} is a placeholder. */
    private static final Pattern CHOICES = Pattern.compile("[a-z][a-z0-9-]*(\\|[a-z][a-z0-9-]*)+");

    public static ValueKind of(String command, CommandOption option) {
        String name = option.getLongNames().length > 0 ? option.getLongNames()[0] : "";
        if (KEY_COMMANDS.contains(command) && (name.equals("prefix") || name.equals("key"))) {
            return ETCD_KEY;
        }
        if (command.startsWith("meta ") && name.equals("family")) {
            return COLUMN_FAMILY;
        }
        if ((command.equals("show") || command.equals("diff show")) && name.equals("name")) {
            return CATALOG_NAME;
        }
        if (command.equals("diff") && name.equals("category")) {
            return DIFF_CATEGORY;
        }
        if (command.equals("help") && name.equals("command")) {
            return COMMAND;
        }
        String label = option.getLabel();
        if ("FILE".equals(label)) {
            return FILE;
        }
        if (label != null && CHOICES.matcher(label).matches()) {
            return CHOICE;
        }
        return OTHER;
    }

    /** The words a {@link #CHOICE} option's label lists. */
    public static List<String> choices(CommandOption option) {
        String label = option.getLabel();
        return label == null || !CHOICES.matcher(label).matches() ? List.of() : List.of(label.split("\\|"));
    }
}
