package dev.rwsh.commands.diff;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import java.util.ArrayList;
import java.util.List;

/** One object side by side: every row that belongs to it (the object row, its kind's row), column by column. */
public record ShowResult(String name, List<ShownRow> rows) implements CommandResult {
    @Override
    public List<TableView> tables() {
        List<TableView> out = new ArrayList<>();
        for (ShownRow r : rows) {
            TableView.Builder t = TableView.builder(r.category() + " " + r.key() + " (" + r.state() + ")", "column", "etcd", "sql", "same");
            for (ShownField f : r.fields()) {
                t.row(f.column(), f.etcd(), f.sql(), f.same() ? "yes" : "NO");
            }
            out.add(t.build());
        }
        return out;
    }

    @Override
    public ExitStatus exitStatus() {
        return rows.stream().allMatch(r -> r.state().equals("same")) ? ExitStatus.OK : ExitStatus.CHECK_FAILED;
    }
}
