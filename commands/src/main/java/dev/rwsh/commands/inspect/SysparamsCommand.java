package dev.rwsh.commands.inspect;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rwsh.commands.etcd.Keyspace;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaJson;
import dev.rwsh.commands.meta.MetaReader;
import dev.rwsh.commands.meta.SystemParamsCodec;
import dev.rwsh.commands.result.CommandResult;
import dev.rwsh.commands.result.TableView;
import dev.rwsh.proto.meta.SystemParams;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sysparams [--session]}: the system parameters as stored (one key each, text values),
 * checked as RisingWave v2.0.7 reads them; with {@code --session}, the session parameters instead.
 */
public final class SysparamsCommand {
    private SysparamsCommand() {
    }

    /** {@code value} is null for a parameter that is missing; {@code note} says what is wrong, if anything. */
    public record ParamRow(String name, String value, String note) {
    }

    /** @param params the system parameters parsed into rwsh's {@code meta.SystemParams} (absent with --session) */
    public record SysparamsResult(long revision, String family, List<ParamRow> parameters, JsonNode params, List<Problem> problems)
            implements CommandResult {
        @Override
        public List<TableView> tables() {
            TableView.Builder t = TableView.builder(null, "name", "value", "note");
            parameters.forEach(p -> t.row(p.name(), p.value() == null ? "" : p.value(), p.note() == null ? "" : p.note()));
            List<TableView> out = new ArrayList<>(List.of(t.build()));
            if (!problems.isEmpty()) {
                TableView.Builder p = TableView.builder("problems", "problem");
                problems.forEach(x -> p.row(x.text()));
                out.add(p.build());
            }
            return out;
        }
    }

    public static SysparamsResult run(Keyspace keyspace, boolean session) {
        ColumnFamily family = session ? ColumnFamily.SESSION_PARAMS : ColumnFamily.SYSTEM_PARAMS;
        Map<String, ParamRow> rows = new LinkedHashMap<>();
        List<Problem> problems = new ArrayList<>();
        SystemParams.Builder params = SystemParams.newBuilder();
        new MetaReader(keyspace).scan(family, e -> {
            if (!e.ok()) {
                problems.add(Problem.of(e));
                rows.put(e.key(), new ParamRow(e.key(), null, "error: " + e.error()));
                return true;
            }
            rows.put(e.key(), new ParamRow(e.key(), e.text(), e.warning()));
            if (!session) {
                SystemParamsCodec.put(params, e.key(), e.text());
            }
            return true;
        });
        if (!session) {
            for (String name : SystemParamsCodec.NAMES) {
                if (!rows.containsKey(name)) {
                    String note = SystemParamsCodec.SINCE_V2_0.contains(name) ? "missing: a v2.0 meta node adds it at its first start"
                            : "missing";
                    rows.put(name, new ParamRow(name, null, note));
                    problems.add(Problem.warning(family.familyName(), name, note));
                }
            }
        }
        return new SysparamsResult(keyspace.revision(), family.familyName(), new ArrayList<>(rows.values()), session ? null : MetaJson.of(params.build()),
                problems);
    }
}
