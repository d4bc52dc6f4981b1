package dev.rwsh.commands.result;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.rwsh.commands.ExitStatus;
import java.util.List;

/**
 * What a command returns. JSON output serializes the result object itself (its record
 * components are the stable field names); table output uses {@link #tables()}, CSV {@link #csvTables()}.
 */
public interface CommandResult {

    /** The result as tables, for table and CSV output. */
    @JsonIgnore
    List<TableView> tables();

    /**
     * The result as tables for CSV output, for programs to read: no layout meant for the eye, such as tree
     * glyphs in names. The same as {@link #tables()} unless a command draws one.
     */
    @JsonIgnore
    default List<TableView> csvTables() {
        return tables();
    }

    /** The exit status this result asks for: a check that found problems returns CHECK_FAILED. */
    @JsonIgnore
    default ExitStatus exitStatus() {
        return ExitStatus.OK;
    }
}
