package dev.rwsh.shell;

import dev.rwsh.shell.command.AfterMigrationCommands;
import dev.rwsh.shell.command.BackupCommands;
import dev.rwsh.shell.command.ConfigCommands;
import dev.rwsh.shell.command.ConnectionCommands;
import dev.rwsh.shell.command.DiffCommands;
import dev.rwsh.shell.command.HelpCommand;
import dev.rwsh.shell.command.HistoryCommands;
import dev.rwsh.shell.command.KeyCommands;
import dev.rwsh.shell.command.MetaCommands;
import dev.rwsh.shell.command.MigrateCommands;
import dev.rwsh.shell.command.SessionCommands;
import dev.rwsh.shell.command.SqlSchemaCommands;
import dev.rwsh.shell.command.TroubleshootCommands;
import dev.rwsh.shell.command.WholeWordConverter;
import dev.rwsh.shell.input.CommandWords;
import dev.rwsh.shell.input.LineChecker;
import dev.rwsh.shell.input.LiteralBackslashParser;
import dev.rwsh.shell.input.RwshCompleter;
import dev.rwsh.shell.launch.BundledDumbTerminalCapabilities;
import dev.rwsh.shell.launch.NativeTerminalFirst;
import dev.rwsh.shell.render.OutputRenderer;
import dev.rwsh.shell.render.TerminalOutput;
import dev.rwsh.shell.runbook.LineExecutor;
import dev.rwsh.shell.runbook.RunbookRunner;
import dev.rwsh.shell.session.Confirmation;
import dev.rwsh.shell.session.PasswordSafeHistory;
import dev.rwsh.shell.session.ShellSession;
import dev.rwsh.shell.session.TerminalProgress;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.LifecycleAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.convert.support.DefaultConversionService;
import org.springframework.shell.boot.CommandCatalogAutoConfiguration;
import org.springframework.shell.boot.ExitCodeAutoConfiguration;
import org.springframework.shell.boot.JLineAutoConfiguration;
import org.springframework.shell.boot.JLineShellAutoConfiguration;
import org.springframework.shell.boot.LineReaderAutoConfiguration;
import org.springframework.shell.boot.ParameterResolverAutoConfiguration;
import org.springframework.shell.boot.ShellContextAutoConfiguration;
import org.springframework.shell.boot.StandardAPIAutoConfiguration;
import org.springframework.shell.boot.StandardCommandsAutoConfiguration;
import org.springframework.shell.boot.ThemingAutoConfiguration;
import org.springframework.shell.boot.UserConfigAutoConfiguration;
import org.springframework.shell.command.annotation.EnableCommand;
import org.springframework.shell.config.ShellConversionServiceSupplier;

/**
 * The application context, listed rather than scanned, because start-up time is spent per class looked at
 * (docs/performance.md): Spring Boot's context basics, the parts of Spring Shell rwsh uses, and rwsh's own
 * beans and command classes. {@code RwshApplicationTest} checks that every component and command class of
 * the shell is listed here.
 *
 * <p>Left out of Spring Shell: its {@code Shell} loop and completer adapter (rwsh runs lines through
 * {@link LineExecutor} and completes with {@link RwshCompleter}), its application and shell runners
 * ({@link RwshMain} calls {@link RwshShellRunner}), component flows and the terminal UI. {@link RwshContext}
 * starts this configuration.
 */
@SpringBootConfiguration(proxyBeanMethods = false)
@ImportAutoConfiguration({
        ConfigurationPropertiesAutoConfiguration.class, LifecycleAutoConfiguration.class,
        PropertyPlaceholderAutoConfiguration.class,
        CommandCatalogAutoConfiguration.class, ExitCodeAutoConfiguration.class,
        JLineAutoConfiguration.class, JLineShellAutoConfiguration.class, LineReaderAutoConfiguration.class,
        ParameterResolverAutoConfiguration.class, ShellContextAutoConfiguration.class,
        StandardAPIAutoConfiguration.class, StandardCommandsAutoConfiguration.class, ThemingAutoConfiguration.class,
        UserConfigAutoConfiguration.class})
@Import({
        RwshShellRunner.class, LineExecutor.class, RunbookRunner.class, OutputRenderer.class, TerminalOutput.class,
        CommandWords.class, LineChecker.class, LiteralBackslashParser.class, RwshCompleter.class,
        Confirmation.class, PasswordSafeHistory.class, ShellSession.class, TerminalProgress.class,
        WholeWordConverter.class, NativeTerminalFirst.class, BundledDumbTerminalCapabilities.class})
@EnableCommand({
        AfterMigrationCommands.class, BackupCommands.class, ConfigCommands.class, ConnectionCommands.class,
        DiffCommands.class, HelpCommand.class, HistoryCommands.class, KeyCommands.class, MetaCommands.class, MigrateCommands.class,
        SessionCommands.class, SqlSchemaCommands.class, TroubleshootCommands.class})
public class RwshApplication {

    /** As Spring Shell's own auto-configuration makes it: converters of the context (WholeWordConverter) included. */
    @Bean
    ShellConversionServiceSupplier shellConversionServiceSupplier(ApplicationContext context) {
        ApplicationConversionService service = new ApplicationConversionService();
        DefaultConversionService.addDefaultConverters(service);
        DefaultConversionService.addCollectionConverters(service);
        ApplicationConversionService.addBeans(service, context);
        return () -> service;
    }
}
