package dev.rwsh.shell;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.shell.launch.LaunchOptions;
import dev.rwsh.shell.launch.RwshVersion;
import dev.rwsh.shell.session.ShellSession;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Parses the launcher's options, starts the Spring Shell application ({@link RwshApplication}), and exits with its status. */
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
        // Spring Boot's background pre-initializer warms up validation, Jackson and the like, which rwsh
        // either does not use or loads on first use; on two busy cores it only competes with the start.
        System.setProperty("spring.backgroundpreinitializer.ignore", "true");
        SpringApplication app = new SpringApplication(RwshApplication.class);
        // The launcher's options reach the shell as a bean; Spring sees no arguments of its own.
        app.addInitializers(ctx -> ctx.getBeanFactory().registerSingleton("launchOptions", options));
        int code;
        try (ConfigurableApplicationContext ctx = app.run()) {
            code = ctx.getBean(ShellSession.class).exitStatus().code();
        }
        System.exit(code);
    }
}
