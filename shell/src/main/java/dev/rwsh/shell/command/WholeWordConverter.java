package dev.rwsh.shell.command;

import org.springframework.core.convert.converter.Converter;
import org.springframework.stereotype.Component;

/**
 * One word given to a multi-word option stays one word. Spring's default String-to-array
 * conversion splits at commas, which would turn {@code set ETCD a:2379,b:2379} into two words
 * and {@code sql query "SELECT a, b"} into a statement without commas. Spring Shell registers
 * converter beans ahead of its defaults.
 */
@Component
public class WholeWordConverter implements Converter<String, String[]> {
    @Override
    public String[] convert(String source) {
        return new String[] {source};
    }
}
