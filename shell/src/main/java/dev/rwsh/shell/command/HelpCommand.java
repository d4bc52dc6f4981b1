package dev.rwsh.shell.command;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jline.utils.AttributedString;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.shell.command.CommandAlias;
import org.springframework.shell.command.CommandCatalog;
import org.springframework.shell.command.CommandRegistration;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.Option;
import org.springframework.shell.standard.commands.Help;
import org.springframework.shell.style.TemplateExecutor;
import org.springframework.util.StringUtils;

/**
 * {@code help}, in place of Spring Shell's: the same text, but the commands of each group in
 * alphabetical order. Spring Shell collects a group's commands in a hash map filled from a hash set
 * of registrations (identity hashes), so its order changed from one start to the next; the listing
 * of one command is Spring Shell's own.
 */
@Command(group = "Built-In Commands")
public class HelpCommand implements Help.Command {
    private static final String LISTING_TEMPLATE = "template/help-commands-default.stg";
    private static final String COMMAND_TEMPLATE = "classpath:template/help-command-default.stg";
    private static final int MAX_WORDS = 100;

    /** Looked up on first use: the catalog is built from the command beans, this one included. */
    private final ObjectProvider<CommandCatalog> catalog;
    private final TemplateExecutor templates;
    private final ApplicationContext context;
    private Help springHelp;

    public HelpCommand(ObjectProvider<CommandCatalog> catalog, TemplateExecutor templates, ApplicationContext context) {
        this.catalog = catalog;
        this.templates = templates;
        this.context = context;
    }

    @Command(command = "help", description = "Display help about available commands")
    public AttributedString help(@Option(longNames = "command", shortNames = 'C', arityMin = 0, arityMax = MAX_WORDS, label = "COMMAND",
            description = "The command to obtain help for.") String[] command) throws IOException {
        if (command == null || command.length == 0) {
            return templates.renderGroup(listingTemplate(), Map.of("model", listing()));
        }
        return springHelp().help(command);
    }

    /** Spring Shell's own help, not registered as a command, for the listing of one command. */
    private Help springHelp() {
        if (springHelp == null) {
            Help help = new Help(templates);
            help.setApplicationContext(context);
            help.setResourceLoader(context);
            help.setCommandTemplate(COMMAND_TEMPLATE);
            try {
                help.afterPropertiesSet(); // looks up the catalog and the other shell beans, as the container would
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            springHelp = help;
        }
        return springHelp;
    }

    /** The model Spring Shell's listing template reads, as maps: groups by name, each group's commands by name. */
    private Map<String, Object> listing() {
        Map<String, List<CommandRegistration>> byGroup = new TreeMap<>();
        catalog.getObject().getRegistrations().values().stream().filter(r -> !r.isHidden()).distinct()
                .sorted(Comparator.comparing(CommandRegistration::getCommand))
                .forEach(r -> byGroup.computeIfAbsent(StringUtils.hasText(r.getGroup()) ? r.getGroup() : "Default", g -> new ArrayList<>()).add(r));
        List<Map<String, Object>> groups = new ArrayList<>();
        List<Map<String, Object>> all = new ArrayList<>();
        boolean unavailable = false;
        for (Map.Entry<String, List<CommandRegistration>> g : byGroup.entrySet()) {
            List<Map<String, Object>> commands = new ArrayList<>();
            for (CommandRegistration r : g.getValue()) {
                boolean available = r.getAvailability() == null || r.getAvailability().isAvailable();
                unavailable |= !available;
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("name", r.getCommand());
                c.put("aliases", r.getAliases().stream().map(CommandAlias::getCommand).toList());
                c.put("description", r.getDescription());
                c.put("availability", Map.of("available", available));
                commands.add(c);
            }
            groups.add(Map.of("group", g.getKey(), "commands", commands));
            all.addAll(commands);
        }
        return Map.of("showGroups", true, "groups", groups, "commands", all, "hasUnavailableCommands", unavailable);
    }

    private static String listingTemplate() {
        try (InputStream in = Help.class.getClassLoader().getResourceAsStream(LISTING_TEMPLATE)) {
            if (in == null) {
                throw new IllegalStateException("Spring Shell's " + LISTING_TEMPLATE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
