package dev.rwsh.shell.runbook;

import dev.rwsh.commands.RwshException;
import java.util.Map;
import java.util.function.Function;

/**
 * Replaces {@code ${NAME}} with the session variable NAME, else the environment variable NAME;
 * {@code ${NAME:-DEFAULT}} falls back to DEFAULT (literal text) when neither is set.
 * {@code \$} stands for a literal dollar sign. An unknown name is an error, never an empty string:
 * a runbook that silently lost an endpoint would do the wrong thing quietly.
 */
public final class VariableExpander {
    private VariableExpander() {
    }

    /** A variable name: letters, digits and _, not starting with a digit. */
    public static boolean isValidName(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*");
    }

    /**
     * Fails with a usage error naming {@code name} (followed by {@code where}) unless it is a valid
     * variable name.
     */
    public static void requireValidName(String name, String where) {
        if (!isValidName(name)) {
            throw RwshException.usage("bad variable name '" + name + "'" + where
                    + ": a name has only letters, digits and _ and does not start with a digit, as in DB_URL");
        }
    }

    public static String expand(String line, Map<String, String> variables, Function<String, String> environment) {
        if (line.indexOf('$') < 0) {
            return line;
        }
        StringBuilder out = new StringBuilder(line.length());
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '$') {
                out.append('$');
                i++;
            } else if (c == '$' && i + 1 < line.length() && line.charAt(i + 1) == '{') {
                int end = line.indexOf('}', i + 2);
                if (end < 0) {
                    // the rest of the line is not quoted back: it may hold a password
                    throw RwshException.usage("unclosed ${ at column " + (i + 1) + ": write ${NAME}, or \\$ for a literal dollar");
                }
                String body = line.substring(i + 2, end);
                int dash = body.indexOf(":-");
                String name = dash < 0 ? body : body.substring(0, dash);
                if (name.isEmpty()) {
                    throw RwshException.usage("no variable name in ${} at column " + (i + 1) + ": write ${NAME}, or \\$ for a literal dollar");
                }
                // the default is not quoted back: it may hold a password
                requireValidName(name, " (in ${" + name + (dash < 0 ? "" : ":-…") + "} at column " + (i + 1) + ")");
                String value = variables.containsKey(name) ? variables.get(name) : environment.apply(name);
                if (value == null && dash >= 0) {
                    value = body.substring(dash + 2);
                }
                if (value == null) {
                    throw RwshException.usage("variable ${" + name + "} is not set: set it with 'set " + name + " VALUE', -v " + name + "=VALUE or the environment");
                }
                out.append(value);
                i = end;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
