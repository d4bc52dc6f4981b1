package dev.rwsh.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.Import;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.shell.command.annotation.Command;
import org.springframework.shell.command.annotation.EnableCommand;
import org.springframework.stereotype.Component;

/** The context is listed, not scanned, at start: a component or command class missing from the list would silently vanish. */
class RwshApplicationTest {

    @Test
    void everyComponentOfTheShellIsImported() {
        assertEquals(scan(Component.class), names(RwshApplication.class.getAnnotation(Import.class).value()));
    }

    @Test
    void everyCommandClassOfTheShellIsEnabled() {
        assertEquals(scan(Command.class), names(RwshApplication.class.getAnnotation(EnableCommand.class).value()));
    }

    private static Set<String> scan(Class<? extends java.lang.annotation.Annotation> annotation) {
        var scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AnnotationTypeFilter(annotation, false));
        return scanner.findCandidateComponents("dev.rwsh.shell").stream()
                .map(BeanDefinition::getBeanClassName)
                .filter(name -> !name.contains("Test") && !name.contains(".e2e."))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> names(Class<?>[] classes) {
        return Arrays.stream(classes).map(Class::getName).collect(Collectors.toCollection(TreeSet::new));
    }
}
