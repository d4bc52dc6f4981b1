package dev.rwsh.commands.diff;

import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import java.util.ArrayList;
import java.util.List;

/** What {@code diff} found: per category counts, the differing objects when asked, notes. */
public record DiffResult(String source, long revision, String target, boolean clean, List<CategoryDiff> categories, List<ObjectDiff> details,
        long detailsOmitted, List<String> notes) implements CommandResult {
    @Override
    public List<TableView> tables() {
        List<TableView> out = new ArrayList<>();
        out.add(TableView.builder("diff", "item", "value").row("etcd", source + " at revision " + revision).row("SQL", target)
                .row("outcome", clean ? "no differences" : differing() + " of " + categories.size() + " categories differ").build());
        TableView.Builder t = TableView.builder("categories", "category", "etcd", "sql", "only in etcd", "only in SQL", "different", "note");
        for (CategoryDiff c : categories) {
            t.row(c.category(), c.etcd(), c.sql(), c.onlyInEtcd(), c.onlyInSql(), c.different(), c.note() == null ? "" : c.note());
        }
        out.add(t.build());
        if (details != null) {
            TableView.Builder d = TableView.builder("differences", "category", "key", "name", "state", "field", "etcd", "sql");
            for (ObjectDiff o : details) {
                if (o.fields().isEmpty()) {
                    d.row(o.category(), o.key(), o.name() == null ? "" : o.name(), o.state(), "", "", "");
                }
                for (FieldDiff f : o.fields()) {
                    d.row(o.category(), o.key(), o.name() == null ? "" : o.name(), o.state(), f.field(), f.etcd(), f.sql());
                }
            }
            out.add(d.build());
            if (detailsOmitted > 0) {
                out.add(TableView.message("(" + detailsOmitted + " more differing objects not shown: raise --limit)"));
            }
        }
        if (!notes.isEmpty()) {
            TableView.Builder n = TableView.builder("notes", "note");
            notes.forEach(n::row);
            out.add(n.build());
        }
        return out;
    }

    private long differing() {
        return categories.stream().filter(c -> !c.clean()).count();
    }

    @Override
    public ExitStatus exitStatus() {
        return clean ? ExitStatus.OK : ExitStatus.CHECK_FAILED;
    }
}
