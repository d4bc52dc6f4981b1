package dev.rwsh.commands.migrate.write;

import dev.rwsh.commands.meta.CatalogKind;

import dev.rwsh.proto.catalog.Index;
import dev.rwsh.proto.catalog.Sink;
import dev.rwsh.proto.catalog.SinkFormatDesc;
import dev.rwsh.proto.catalog.Source;
import dev.rwsh.proto.catalog.StreamSourceInfo;
import dev.rwsh.proto.catalog.Subscription;
import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.catalog.View;
import dev.rwsh.proto.secret.SecretRef;
import java.sql.SQLException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The relations' own rows (sources, tables, indexes, sinks, views, subscriptions), written after
 * their object rows and their streaming jobs; dropped relations are left out.
 */
final class RelationSteps extends StepGroup {
    RelationSteps(Shared shared) {
        super(shared);
    }

    private Map<String, SecretRef> secrets(Map<String, SecretRef> refs) {
        Map<String, SecretRef> out = new TreeMap<>();
        refs.forEach((k, v) -> out.put(k, v.toBuilder().setSecretId(plan.newIds(CatalogKind.SECRET).get(v.getSecretId())).build()));
        return out;
    }

    void sources(String step) throws SQLException {
        steps.begin(step, plan.keptSources().size());
        try (RowSink.Rows b = batch(TargetTable.SOURCE)) {
            for (Source s : plan.keptSources()) {
                Object info = Batch.Null.BYTES;
                if (s.hasInfo()) {
                    StreamSourceInfo.Builder ib = s.getInfo().toBuilder().clearFormatEncodeSecretRefs()
                            .putAllFormatEncodeSecretRefs(secrets(s.getInfo().getFormatEncodeSecretRefsMap()));
                    if (s.getInfo().hasExternalTable()) {
                        ib.setExternalTable(s.getInfo().getExternalTable().toBuilder().clearSecretRefs()
                                .putAllSecretRefs(secrets(s.getInfo().getExternalTable().getSecretRefsMap())));
                    }
                    info = Blobs.message(ib.build());
                }
                b.add(s.getId(), s.getName(), opt(s.hasRowIdIndex(), s.getRowIdIndex(), Batch.Null.INT), Blobs.array(s.getColumnsList()),
                        Blobs.ints(s.getPkColumnIdsList()), Blobs.property(s.getWithPropertiesMap()), s.getDefinition(), info,
                        Blobs.array(s.getWatermarkDescsList()),
                        s.getOptionalAssociatedTableIdCase() == Source.OptionalAssociatedTableIdCase.ASSOCIATED_TABLE_ID ? s.getAssociatedTableId() : Batch.Null.INT,
                        s.hasConnectionId() ? plan.newIds(CatalogKind.CONNECTION).get(s.getConnectionId()) : Batch.Null.INT, s.getVersion(),
                        Blobs.secretRefs(secrets(s.getSecretRefsMap())), opt(s.hasRateLimit(), s.getRateLimit(), Batch.Null.INT));
            }
        }
        steps.end(plan.sources().size(), plan.keptSources().size(), plan.sources().size() - plan.keptSources().size(), 0);
    }

    /** The {@code table} row of a table: its 28 columns, each beside its value. */
    private static final RowMapper<Table> TABLE_ROW = RowMapper.<Table>of(TargetTable.TABLE)
            .column("table_id", (t, p) -> t.getId())
            .column("name", (t, p) -> t.getName())
            .column("optional_associated_source_id", (t, p) -> t.getOptionalAssociatedSourceIdCase() == Table.OptionalAssociatedSourceIdCase.ASSOCIATED_SOURCE_ID
                    ? t.getAssociatedSourceId() : Batch.Null.INT)
            .column("table_type", (t, p) -> t.getTableType().name())
            .column("belongs_to_job_id", (t, p) -> t.getTableType() == Table.TableType.INTERNAL ? p.jobOfFragment(t.getFragmentId()) : Batch.Null.INT)
            .column("columns", (t, p) -> Blobs.array(t.getColumnsList()))
            .column("pk", (t, p) -> Blobs.array(t.getPkList()))
            .column("distribution_key", (t, p) -> Blobs.ints(t.getDistributionKeyList()))
            .column("stream_key", (t, p) -> Blobs.ints(t.getStreamKeyList()))
            .column("append_only", (t, p) -> t.getAppendOnly())
            .column("fragment_id", (t, p) -> t.getFragmentId())
            .column("vnode_col_index", (t, p) -> opt(t.hasVnodeColIndex(), t.getVnodeColIndex(), Batch.Null.INT))
            .column("row_id_index", (t, p) -> opt(t.hasRowIdIndex(), t.getRowIdIndex(), Batch.Null.INT))
            .column("value_indices", (t, p) -> Blobs.ints(t.getValueIndicesList()))
            .column("definition", (t, p) -> t.getDefinition())
            .column("handle_pk_conflict_behavior", (t, p) -> t.getHandlePkConflictBehavior().name().substring("HANDLE_CONFLICT_BEHAVIOR_".length()))
            .column("read_prefix_len_hint", (t, p) -> t.getReadPrefixLenHint())
            .column("watermark_indices", (t, p) -> Blobs.ints(t.getWatermarkIndicesList()))
            .column("dist_key_in_pk", (t, p) -> Blobs.ints(t.getDistKeyInPkList()))
            .column("dml_fragment_id", (t, p) -> opt(t.hasDmlFragmentId(), t.getDmlFragmentId(), Batch.Null.INT))
            .column("cardinality", (t, p) -> t.hasCardinality() ? Blobs.message(t.getCardinality()) : Batch.Null.BYTES)
            .column("cleaned_by_watermark", (t, p) -> t.getCleanedByWatermark())
            .column("description", (t, p) -> opt(t.hasDescription(), t.getDescription(), Batch.Null.TEXT))
            .column("version", (t, p) -> t.hasVersion() ? Blobs.message(t.getVersion()) : Batch.Null.BYTES)
            .column("retention_seconds", (t, p) -> opt(t.hasRetentionSeconds(), t.getRetentionSeconds(), Batch.Null.INT))
            .column("incoming_sinks", (t, p) -> Blobs.ints(t.getIncomingSinksList()))
            .column("version_column_index", (t, p) -> opt(t.hasVersionColumnIndex(), t.getVersionColumnIndex(), Batch.Null.INT))
            .column("cdc_table_id", (t, p) -> opt(t.hasCdcTableId(), t.getCdcTableId(), Batch.Null.TEXT))
            .checkAgainst();

    void tables(String step) throws SQLException {
        steps.begin(step, plan.keptTables().size());
        long n = 0;
        try (RowSink.Rows b = batch(TargetTable.TABLE)) {
            for (Table t : plan.keptTables()) {
                b.add(TABLE_ROW.row(t, plan));
                if (++n % Batch.SIZE == 0) {
                    steps.progress(step, n);
                }
            }
        }
        steps.end(plan.tables().size(), plan.keptTables().size(), plan.tables().size() - plan.keptTables().size(), 0);
    }

    void indexes(String step) throws SQLException {
        steps.begin(step, plan.keptIndexes().size());
        try (RowSink.Rows b = batch(TargetTable.INDEX)) {
            for (Index x : plan.keptIndexes()) {
                b.add(x.getId(), x.getName(), x.getIndexTableId(), x.getPrimaryTableId(), Blobs.array(x.getIndexItemList()), x.getIndexColumnsLen(),
                        Blobs.array(x.getIndexColumnPropertiesList()));
            }
        }
        steps.end(plan.indexes().size(), plan.keptIndexes().size(), plan.indexes().size() - plan.keptIndexes().size(), 0);
    }

    void sinks(String step) throws SQLException {
        steps.begin(step, plan.keptSinks().size());
        try (RowSink.Rows b = batch(TargetTable.SINK)) {
            for (Sink s : plan.keptSinks()) {
                Object format = Batch.Null.BYTES;
                if (s.hasFormatDesc()) {
                    SinkFormatDesc f = s.getFormatDesc().toBuilder().clearSecretRefs().putAllSecretRefs(secrets(s.getFormatDesc().getSecretRefsMap())).build();
                    format = Blobs.message(f);
                }
                b.add(s.getId(), s.getName(), Blobs.array(s.getColumnsList()), Blobs.array(s.getPlanPkList()), Blobs.ints(s.getDistributionKeyList()),
                        Blobs.ints(s.getDownstreamPkList()), s.getSinkType().name().substring("SINK_TYPE_".length()), Blobs.property(s.getPropertiesMap()),
                        s.getDefinition(), s.hasConnectionId() ? plan.newIds(CatalogKind.CONNECTION).get(s.getConnectionId()) : Batch.Null.INT, s.getDbName(),
                        s.getSinkFromName(), format, opt(s.hasTargetTable(), s.getTargetTable(), Batch.Null.INT),
                        Blobs.secretRefs(secrets(s.getSecretRefsMap())), Blobs.array(s.getOriginalTargetColumnsList()));
            }
        }
        steps.end(plan.sinks().size(), plan.keptSinks().size(), plan.sinks().size() - plan.keptSinks().size(), 0);
    }

    void views(String step) throws SQLException {
        steps.begin(step, plan.views().size());
        try (RowSink.Rows b = batch(TargetTable.VIEW)) {
            for (View v : plan.views()) {
                b.add(v.getId(), v.getName(), Blobs.property(v.getPropertiesMap()), v.getSql(), Blobs.array(v.getColumnsList()));
            }
        }
        steps.end(plan.views().size(), plan.views().size(), 0, 0);
    }

    void subscriptions(String step) throws SQLException {
        steps.begin(step, plan.subscriptions().size());
        try (RowSink.Rows b = batch(TargetTable.SUBSCRIPTION)) {
            for (Subscription s : plan.subscriptions()) {
                b.add(s.getId(), s.getName(), s.getRetentionSeconds(), s.getDefinition(), s.getSubscriptionStateValue(), s.getDependentTableId());
            }
        }
        steps.end(plan.subscriptions().size(), plan.subscriptions().size(), 0, 0);
    }
}
