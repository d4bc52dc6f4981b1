package dev.rwsh.shell.command;

import dev.rwsh.commands.config.ConfigEmitCommand;
import dev.rwsh.commands.config.ConfigEmitResult;
import dev.rwsh.commands.config.ConfigStyle;
import dev.rwsh.shell.session.ShellSession;
import java.nio.file.Path;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;

/** config emit. */
@Command(group = "Configuration")
public class ConfigCommands {
    private final ShellSession session;

    public ConfigCommands(ShellSession session) {
        this.session = session;
    }

    @Command(command = "config emit", description = "Print the meta node settings for the SQL meta store (RisingWave v2.0.7): flags, split-flags, env, toml, operator or helm.")
    public ConfigEmitResult emit(
            @Option(longNames = "style", label = "flags|split-flags|env|toml|operator|helm", defaultValue = "flags", description = "the form to print (default flags)") String style,
            @Option(longNames = "sql-endpoint", label = "URL", description = "the SQL endpoint (default: the session's SQL connection); nothing is connected") String sqlEndpoint,
            @Option(longNames = "show-secrets", description = "print the password instead of ****") boolean showSecrets,
            @Option(longNames = "output", label = "FILE", description = "write the text to FILE with mode 0600 instead of printing it") String output,
            @Option(longNames = "secret-name", label = "NAME", defaultValue = ConfigEmitCommand.DEFAULT_SECRET_NAME, description = "the Kubernetes Secret's name (operator and helm styles)") String secretName) {
        ConfigEmitCommand.Options options = new ConfigEmitCommand.Options(ConfigStyle.parse(style), showSecrets,
                output == null || output.isBlank() ? null : Path.of(output), secretName);
        return ConfigEmitCommand.run(session.engine(), sqlEndpoint, options);
    }
}
