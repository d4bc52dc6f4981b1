package dev.rwsh.commands.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import java.util.List;

/**
 * What {@code config emit} produced. Table output is the configuration text itself (or, with
 * {@code --output}, one line saying where it went); JSON carries the parts.
 *
 * @param style the style's name (flags, split-flags, env, toml, operator, helm)
 * @param backend the SQL backend (postgres, mysql, sqlite)
 * @param endpoint the endpoint the settings were made from, password masked
 * @param secretsShown whether the password appears in {@code lines}
 * @param lines the configuration text, one element a line
 * @param removed the etcd settings to take out of this style's configuration
 * @param warnings what the style cannot express, or what the user must do besides
 * @param checkedAgainst the upstream sources (repository, tag, path) the field names were checked against
 * @param writtenTo the file written with --output, or null
 */
public record ConfigEmitResult(String style, String backend, String endpoint, boolean secretsShown, List<String> lines,
        List<RemovedSetting> removed, List<String> warnings, List<String> checkedAgainst, String writtenTo)
        implements CommandResult {

    public ConfigEmitResult {
        lines = List.copyOf(lines);
        removed = List.copyOf(removed);
        warnings = List.copyOf(warnings);
        checkedAgainst = List.copyOf(checkedAgainst);
    }

    /** An etcd setting the new configuration no longer wants. */
    public record RemovedSetting(String setting, String note) {
    }

    /** The configuration as text, with a final newline. */
    @JsonIgnore
    public String text() {
        return String.join("\n", lines) + "\n";
    }

    ConfigEmitResult withWrittenTo(String file) {
        return new ConfigEmitResult(style, backend, endpoint, secretsShown, lines, removed, warnings, checkedAgainst, file);
    }

    @Override
    public List<TableView> tables() {
        String body = writtenTo != null
                ? "wrote the " + style + " configuration for " + backend + " to " + writtenTo + " (mode 0600, password "
                        + (secretsShown ? "shown" : "masked") + ")"
                : String.join("\n", lines);
        return List.of(TableView.builder(null, "config").row(body).build());
    }
}
