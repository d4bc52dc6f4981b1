package dev.rwsh.shell;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.shell.launch.LaunchOptions;
import dev.rwsh.shell.launch.RwshVersion;
import dev.rwsh.shell.session.ShellSession;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.springframework.context.ConfigurableApplicationContext;

/** Parses the launcher's options, starts the shell's context ({@link RwshContext}), runs the shell and exits with its status. */
public class RwshMain {

    public static void main(String[] args) {
        LaunchOptions options;
        try {
            options = LaunchOptions.parse(args);
        } catch (LaunchOptions.UsageException e) {
            System.err.println(e.getMessage() + " (rwsh --help lists the options)");
            System.exit(ExitStatus.USAGE.code());
            return;
        }
        if (options.helpRequested) {
            System.out.print(LaunchOptions.help());
            System.exit(0);
        }
        if (options.versionRequested) {
            System.out.println(RwshVersion.versionLine());
            System.exit(0);
        }
        // Errors reach the user as one line from rwsh itself. SLF4J goes nowhere (slf4j-nop); libraries that log
        // through java.util.logging (JLine, gRPC, Hibernate Validator) would print to stderr: switch that off too.
        Logger.getLogger("").setLevel(Level.OFF);
        int code;
        try (ConfigurableApplicationContext context = RwshContext.start(options)) {
            context.getBean(RwshShellRunner.class).run();
            code = context.getBean(ShellSession.class).exitStatus().code();
        }
        System.exit(code);
    }
}
