package dev.rwsh.generator;

import static dev.rwsh.generator.Columns.Col;
import static dev.rwsh.proto.data.DataType.TypeName.BOOLEAN;
import static dev.rwsh.proto.data.DataType.TypeName.DECIMAL;
import static dev.rwsh.proto.data.DataType.TypeName.INT16;
import static dev.rwsh.proto.data.DataType.TypeName.INT64;
import static dev.rwsh.proto.data.DataType.TypeName.JSONB;
import static dev.rwsh.proto.data.DataType.TypeName.TIMESTAMPTZ;
import static dev.rwsh.proto.data.DataType.TypeName.VARCHAR;

import com.google.protobuf.ByteString;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaKeys;
import dev.rwsh.commands.meta.MetaValues;
import dev.rwsh.commands.meta.ProstEncoder;
import dev.rwsh.proto.catalog.CreateType;
import dev.rwsh.proto.catalog.HandleConflictBehavior;
import dev.rwsh.proto.catalog.Index;
import dev.rwsh.proto.catalog.IndexColumnProperties;
import dev.rwsh.proto.catalog.Sink;
import dev.rwsh.proto.catalog.SinkFormatDesc;
import dev.rwsh.proto.catalog.SinkType;
import dev.rwsh.proto.catalog.Source;
import dev.rwsh.proto.catalog.StreamJobStatus;
import dev.rwsh.proto.catalog.StreamSourceInfo;
import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.catalog.Table.TableType;
import dev.rwsh.proto.meta.TableFragments;
import dev.rwsh.proto.meta.TableParallelism;
import dev.rwsh.proto.plan_common.EncodeType;
import dev.rwsh.proto.plan_common.ExternalTableDesc;
import dev.rwsh.proto.plan_common.FormatType;
import dev.rwsh.proto.secret.SecretRef;
import dev.rwsh.proto.source.ConnectorSplit;
import dev.rwsh.proto.source.ConnectorSplits;
import dev.rwsh.proto.stream_plan.AggCallState;
import dev.rwsh.proto.stream_plan.BatchPlanNode;
import dev.rwsh.proto.stream_plan.DispatcherType;
import dev.rwsh.proto.stream_plan.DmlNode;
import dev.rwsh.proto.stream_plan.FragmentTypeFlag;
import dev.rwsh.proto.stream_plan.HashAggNode;
import dev.rwsh.proto.stream_plan.MaterializeNode;
import dev.rwsh.proto.stream_plan.ProjectNode;
import dev.rwsh.proto.stream_plan.RowIdGenNode;
import dev.rwsh.proto.stream_plan.SinkDesc;
import dev.rwsh.proto.stream_plan.SinkNode;
import dev.rwsh.proto.stream_plan.SourceNode;
import dev.rwsh.proto.stream_plan.StreamCdcScanNode;
import dev.rwsh.proto.stream_plan.StreamNode;
import dev.rwsh.proto.stream_plan.StreamScanNode;
import dev.rwsh.proto.stream_plan.StreamSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Relations with a streaming job: tables (plain, CDC, with a connector), materialized views, an index, a sink, a shared source. */
abstract class StreamingRelations extends CatalogObjects {
    StreamingRelations(ClusterGenerator.Options options, KeyValueSink sink) {
        super(options, sink);
    }

    /** A table without connector: a DML fragment feeding a materialize fragment. */
    Rel table(String name, int db, int schema, int owner, List<Col> cols, List<Integer> pk, boolean appendOnly) {
        int id = (int) id("table");
        String definition = "CREATE TABLE " + name + " (" + String.join(", ", cols.stream().filter(c -> !c.hidden())
                .map(c -> c.name() + " " + c.type().name().toLowerCase()).toList()) + (appendOnly ? ") APPEND ONLY" : ", PRIMARY KEY (" + cols.get(pk.get(0)).name() + "))");
        int dmlFrag = (int) id("fragment");
        int mvFrag = (int) id("fragment");
        Table.Builder t = tableCatalog(id, name, db, schema, owner, TableType.TABLE, cols, pk, pk, definition, mvFrag,
                StreamJobStatus.STREAM_JOB_STATUS_CREATED).setAppendOnly(appendOnly).setDmlFragmentId(dmlFrag)
                .setVersion(Table.TableVersion.newBuilder().setVersion(0).setNextColumnId(cols.size() + (cols.get(0).hidden() ? 0 : 1)))
                .setHandlePkConflictBehavior(appendOnly ? HandleConflictBehavior.HANDLE_CONFLICT_BEHAVIOR_NO_CHECK
                        : HandleConflictBehavior.HANDLE_CONFLICT_BEHAVIOR_OVERWRITE);
        if (appendOnly) {
            t.setRowIdIndex(0);
        }
        Table table = t.build();
        putTable(table, "table");
        stateTable(MATERIALIZED_VIEW_GROUP, id);

        StreamJobBuilder job = new StreamJobBuilder(id, definition);
        int p = parallelism();
        StreamNode dml = node("StreamDml { columns: " + names(cols) + " }", cols, pk, appendOnly, b -> b.setDml(DmlNode.getDefaultInstance()),
                node("StreamSource", cols, pk, appendOnly, b -> b.setSource(SourceNode.getDefaultInstance())));
        StreamJobBuilder.Frag f1 = job.fragment(dmlFrag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_SOURCE, FragmentTypeFlag.FRAGMENT_TYPE_FLAG_DML),
                false, p, (int) ids.get("actor").take(p), computeWorkers, id, dml, List.of());
        StreamNode input = merge(dmlFrag, cols, pk, appendOnly);
        if (appendOnly) {
            input = node("StreamRowIdGen { row_id_index: 0 }", cols, pk, true, b -> b.setRowIdGen(RowIdGenNode.getDefaultInstance()), input);
        }
        StreamNode mat = node("StreamMaterialize { columns: " + names(cols) + ", pk_conflict: " + (appendOnly ? "NoCheck" : "Overwrite") + " }",
                cols, pk, appendOnly, b -> b.setMaterialize(MaterializeNode.newBuilder().setTable(table)), input);
        StreamJobBuilder.Frag f2 = job.fragment(mvFrag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_MVIEW), false, p, (int) ids.get("actor").take(p),
                computeWorkers, id, mat, List.of(id));
        StreamJobBuilder.link(f1, f2, appendOnly ? DispatcherType.DISPATCHER_TYPE_NO_SHUFFLE : DispatcherType.DISPATCHER_TYPE_HASH, pk, cols.size());
        pending(job, TableFragments.State.CREATED, adaptive(), null);
        return new Rel(id, name, cols, pk, table, f2);
    }

    /** A materialized view aggregating {@code upstream} by column {@code groupBy}: a backfill fragment and an aggregate fragment. */
    Rel aggregateView(String name, int db, int schema, int owner, Rel upstream, int groupBy, String definition, List<Col> cols,
            TableParallelism parallelism, StreamJobStatus status) {
        int id = (int) id("table");
        int scanFrag = (int) id("fragment");
        int aggFrag = (int) id("fragment");
        Table mv = tableCatalog(id, name, db, schema, owner, TableType.MATERIALIZED_VIEW, cols, List.of(0), List.of(0), definition, aggFrag, status)
                .addDependentRelations(upstream.id()).build();
        putTable(mv, "materialized_view");
        stateTable(MATERIALIZED_VIEW_GROUP, id);
        Table aggState = internal(name, aggFrag, "hashaggstate", db, schema, owner,
                List.of(cols.get(0), Col.of("_agg_state", JSONB), Col.of("_row_count", INT64)), List.of(0), List.of(0), STATE_DEFAULT_GROUP, status);
        Table scanState = internal(name, scanFrag, "streamscan", db, schema, owner, List.of(Col.of("vnode", INT16),
                upstream.cols().get(upstream.pk().get(0)), Col.of("backfill_finished", BOOLEAN), Col.of("row_count", INT64)),
                List.of(0), List.of(0), STATE_DEFAULT_GROUP, status);

        int p = parallelism.hasFixed() ? parallelism.getFixed().getParallelism() : parallelism();
        StreamJobBuilder job = new StreamJobBuilder(id, definition);
        StreamNode scan = node("StreamTableScan { table: " + upstream.name() + ", columns: " + names(upstream.cols()) + " }", upstream.cols(),
                upstream.pk(), false, b -> b.setStreamScan(StreamScanNode.newBuilder().setStateTable(scanState).setArrangementTable(upstream.catalog())),
                merge(upstream.mview().id, upstream.cols(), upstream.pk(), false),
                node("BatchPlanNode", upstream.cols(), upstream.pk(), false, b -> b.setBatchPlan(BatchPlanNode.getDefaultInstance())));
        StreamJobBuilder.Frag f1 = job.fragment(scanFrag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_STREAM_SCAN), false, p,
                (int) ids.get("actor").take(p), computeWorkers, id + 1, scan, List.of(scanState.getId()));
        StreamNode agg = node("StreamHashAgg { group_key: [" + cols.get(0).name() + "] }", cols, List.of(0), false,
                b -> b.setHashAgg(HashAggNode.newBuilder().setIntermediateStateTable(aggState)
                        .addAggCallStates(AggCallState.newBuilder().setValueState(AggCallState.ValueState.getDefaultInstance()))),
                merge(scanFrag, upstream.cols(), upstream.pk(), false));
        StreamNode mat = node("StreamMaterialize { columns: " + names(cols) + ", pk_columns: [" + cols.get(0).name() + "] }", cols, List.of(0), false,
                b -> b.setMaterialize(MaterializeNode.newBuilder().setTable(mv)), agg);
        StreamJobBuilder.Frag f2 = job.fragment(aggFrag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_MVIEW), false, p, (int) ids.get("actor").take(p),
                computeWorkers, id, mat, List.of(id, aggState.getId()));
        StreamJobBuilder.link(upstream.mview(), f1, DispatcherType.DISPATCHER_TYPE_HASH, upstream.pk(), upstream.cols().size());
        StreamJobBuilder.link(f1, f2, DispatcherType.DISPATCHER_TYPE_HASH, List.of(groupBy), upstream.cols().size());
        pending(job, status == StreamJobStatus.STREAM_JOB_STATUS_CREATING ? TableFragments.State.CREATING : TableFragments.State.CREATED,
                parallelism, null);
        return new Rel(id, name, cols, List.of(0), mv, f2);
    }

    /** A materialized view so wide that its streaming job encodes to more than 1 MiB (and is stored gzip-compressed). */
    void wideView(String name, int db, int schema, int owner, Rel upstream) {
        int id = (int) id("table");
        int scanFrag = (int) id("fragment");
        int matFrag = (int) id("fragment");
        int p = parallelism();
        int firstScanActor = (int) ids.get("actor").take(p);
        int firstMatActor = (int) ids.get("actor").take(p);
        Table scanState = internal(name, scanFrag, "streamscan", db, schema, owner, List.of(Col.of("vnode", INT16), Col.of("_row_id", INT64),
                Col.of("backfill_finished", BOOLEAN), Col.of("row_count", INT64)), List.of(0), List.of(0), STATE_DEFAULT_GROUP,
                StreamJobStatus.STREAM_JOB_STATUS_CREATED);
        long epochAt = nowMs;
        int target = MetaValues.COMPRESSION_THRESHOLD + 192 * 1024;
        for (int width = 200;;) {
            nowMs = epochAt;
            List<Col> cols = new ArrayList<>();
            cols.add(Col.of("_row_id", INT64));
            for (int c = 1; c < width; c++) {
                cols.add(Col.of(String.format("metric_%04d", c), c % 3 == 0 ? DECIMAL : c % 3 == 1 ? INT64 : VARCHAR));
            }
            String definition = "CREATE MATERIALIZED VIEW " + name + " AS SELECT _row_id, " + width + " derived metrics FROM events";
            Table mv = tableCatalog(id, name, db, schema, owner, TableType.MATERIALIZED_VIEW, cols, List.of(0), List.of(0), definition, matFrag,
                    StreamJobStatus.STREAM_JOB_STATUS_CREATED).addDependentRelations(upstream.id()).build();
            StreamJobBuilder job = new StreamJobBuilder(id, definition);
            StreamNode scan = node("StreamTableScan { table: " + upstream.name() + " }", upstream.cols(), upstream.pk(), true,
                    b -> b.setStreamScan(StreamScanNode.newBuilder().setStateTable(scanState).setArrangementTable(upstream.catalog())),
                    merge(upstream.mview().id, upstream.cols(), upstream.pk(), true));
            StreamJobBuilder.Frag f1 = job.fragment(scanFrag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_STREAM_SCAN), false, p, firstScanActor,
                    computeWorkers, id, scan, List.of(scanState.getId()));
            StreamNode mat = node("StreamMaterialize { columns: [_row_id, metric_0001, ...] }", cols, List.of(0), true,
                    b -> b.setMaterialize(MaterializeNode.newBuilder().setTable(mv)),
                    node("StreamProject { exprs: [...] }", cols, List.of(0), true, b -> b.setProject(ProjectNode.getDefaultInstance()),
                            merge(scanFrag, upstream.cols(), upstream.pk(), true)));
            StreamJobBuilder.Frag f2 = job.fragment(matFrag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_MVIEW), false, p, firstMatActor,
                    computeWorkers, id, mat, List.of(id));
            StreamJobBuilder.link(f1, f2, DispatcherType.DISPATCHER_TYPE_HASH, List.of(0), upstream.cols().size());
            TableFragments tf = job.build(TableFragments.State.CREATED, adaptive(), null, "UTC", TableFragments.ActorStatus.ActorState.RUNNING);
            int size = ProstEncoder.encode(tf).length;
            if (size <= MetaValues.COMPRESSION_THRESHOLD + 64 * 1024) {
                // Wider, by the estimate that size grows with the column count.
                width = Math.max(width + 50, (int) ((long) width * target / size));
                continue;
            }
            putTable(mv, "materialized_view");
            stateTable(MATERIALIZED_VIEW_GROUP, id);
            wideViewId = id;
            // Now the upstream dispatches to this job too.
            StreamJobBuilder.link(upstream.mview(), f1, DispatcherType.DISPATCHER_TYPE_NO_SHUFFLE, upstream.pk(), upstream.cols().size());
            pending(job, TableFragments.State.CREATED, adaptive(), null);
            return;
        }
    }

    void index(String name, int db, int schema, int owner, Rel table) {
        int id = (int) id("table");
        int frag = (int) id("fragment");
        List<Col> cols = List.of(table.cols().get(1), table.cols().get(0));
        String definition = "CREATE INDEX " + name + " ON " + table.name() + "(" + cols.get(0).name() + ")";
        Table indexTable = tableCatalog(id, name, db, schema, owner, TableType.INDEX, cols, List.of(0, 1), List.of(0), definition, frag,
                StreamJobStatus.STREAM_JOB_STATUS_CREATED).addDependentRelations(table.id()).build();
        putTable(indexTable, "index_table");
        stateTable(MATERIALIZED_VIEW_GROUP, id);
        Table scanState = internal(name, frag, "streamscan", db, schema, owner, List.of(Col.of("vnode", INT16), table.cols().get(0),
                Col.of("backfill_finished", BOOLEAN), Col.of("row_count", INT64)), List.of(0), List.of(0), STATE_DEFAULT_GROUP,
                StreamJobStatus.STREAM_JOB_STATUS_CREATED);
        Index.Builder idx = Index.newBuilder().setId(id).setName(name).setDatabaseId(db).setSchemaId(schema).setOwner(owner).setIndexTableId(id)
                .setPrimaryTableId(table.id()).addIndexItem(Columns.inputRef(1, cols.get(0).type())).addIndexItem(Columns.inputRef(0, cols.get(1).type()))
                .setStreamJobStatus(StreamJobStatus.STREAM_JOB_STATUS_CREATED).setIndexColumnsLen(1)
                .addIndexColumnProperties(IndexColumnProperties.getDefaultInstance());
        stamp(idx::setInitializedAtEpoch, idx::setCreatedAtEpoch, idx::setInitializedAtClusterVersion, idx::setCreatedAtClusterVersion);
        putModel(ColumnFamily.CATALOG_INDEX, MetaKeys.encodeId(id), idx.build());
        count("index");

        int p = parallelism();
        StreamJobBuilder job = new StreamJobBuilder(id, definition);
        StreamNode plan = node("StreamMaterialize { columns: " + names(cols) + " }", cols, List.of(0, 1), false,
                b -> b.setMaterialize(MaterializeNode.newBuilder().setTable(indexTable)),
                node("StreamTableScan { table: " + table.name() + " }", table.cols(), table.pk(), false,
                        b -> b.setStreamScan(StreamScanNode.newBuilder().setStateTable(scanState).setArrangementTable(table.catalog())),
                        merge(table.mview().id, table.cols(), table.pk(), false)));
        StreamJobBuilder.Frag f = job.fragment(frag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_MVIEW, FragmentTypeFlag.FRAGMENT_TYPE_FLAG_STREAM_SCAN),
                false, p, (int) ids.get("actor").take(p), computeWorkers, id, plan, List.of(id, scanState.getId()));
        StreamJobBuilder.link(table.mview(), f, DispatcherType.DISPATCHER_TYPE_HASH, List.of(1), table.cols().size());
        pending(job, TableFragments.State.CREATED, TableParallelism.newBuilder().setCustom(TableParallelism.CustomParallelism.getDefaultInstance()).build(),
                null);
    }

    void sink(String name, int db, int schema, int owner, Rel table, int secret, int connection) {
        int id = (int) id("table");
        int frag = (int) id("fragment");
        String definition = "CREATE SINK " + name + " FROM " + table.name() + " WITH (connector = 'kafka', topic = 'orders', "
                + "properties.bootstrap.server = 'b-1.msk:9096', properties.sasl.password = secret " + "kafka_password) FORMAT UPSERT ENCODE JSON";
        Map<String, SecretRef> refs = Map.of("properties.sasl.password", SecretRef.newBuilder().setSecretId(secret).setRefAs(SecretRef.RefAsType.TEXT).build());
        SinkFormatDesc format = SinkFormatDesc.newBuilder().setFormat(FormatType.FORMAT_TYPE_UPSERT).setEncode(EncodeType.ENCODE_TYPE_JSON).build();
        Table scanState = internal(name, frag, "streamscan", db, schema, owner, List.of(Col.of("vnode", INT16), table.cols().get(0),
                Col.of("backfill_finished", BOOLEAN), Col.of("row_count", INT64)), List.of(0), List.of(0), STATE_DEFAULT_GROUP,
                StreamJobStatus.STREAM_JOB_STATUS_CREATED);
        Sink.Builder s = Sink.newBuilder().setId(id).setName(name).setDatabaseId(db).setSchemaId(schema).setOwner(owner)
                .addAllColumns(Columns.catalogs(table.cols())).addPlanPk(Columns.asc(0)).addDependentRelations(table.id())
                .addDistributionKey(0).addDownstreamPk(0).setSinkType(SinkType.SINK_TYPE_UPSERT)
                .putProperties("connector", "kafka").putProperties("topic", "orders").putProperties("properties.bootstrap.server", "b-1.msk:9096")
                .putProperties("primary_key", "order_id")
                .setDefinition(definition).setConnectionId(connection).setDbName("dev").setSinkFromName(table.name())
                .setStreamJobStatus(StreamJobStatus.STREAM_JOB_STATUS_CREATED).setFormatDesc(format).setCreateType(CreateType.CREATE_TYPE_FOREGROUND)
                .putAllSecretRefs(refs);
        stamp(s::setInitializedAtEpoch, s::setCreatedAtEpoch, s::setInitializedAtClusterVersion, s::setCreatedAtClusterVersion);
        putModel(ColumnFamily.CATALOG_SINK, MetaKeys.encodeId(id), s.build());
        count("sink");

        int p = parallelism();
        StreamJobBuilder job = new StreamJobBuilder(id, definition);
        StreamNode plan = node("StreamSink { type: upsert, columns: " + names(table.cols()) + " }", table.cols(), table.pk(), false,
                b -> b.setSink(SinkNode.newBuilder().setSinkDesc(SinkDesc.newBuilder().setFormatDesc(format).putAllSecretRefs(refs))),
                node("StreamTableScan { table: " + table.name() + " }", table.cols(), table.pk(), false,
                        b -> b.setStreamScan(StreamScanNode.newBuilder().setStateTable(scanState).setArrangementTable(table.catalog())),
                        merge(table.mview().id, table.cols(), table.pk(), false)));
        StreamJobBuilder.Frag f = job.fragment(frag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_SINK, FragmentTypeFlag.FRAGMENT_TYPE_FLAG_STREAM_SCAN),
                false, p, (int) ids.get("actor").take(p), computeWorkers, id, plan, List.of(scanState.getId()));
        StreamJobBuilder.link(table.mview(), f, DispatcherType.DISPATCHER_TYPE_HASH, List.of(0), table.cols().size());
        pending(job, TableFragments.State.CREATED, adaptive(), null);
    }

    /** A shared PostgreSQL CDC source: a source with its own single-actor streaming job. */
    Rel sharedCdcSource(String name, int db, int schema, int owner, int secret) {
        int id = (int) id("table");
        int frag = (int) id("fragment");
        List<Col> cols = List.of(Col.of("payload", JSONB), Col.of("_rw_offset", VARCHAR), Col.of("_rw_table_name", VARCHAR));
        Map<String, SecretRef> refs = Map.of("password", SecretRef.newBuilder().setSecretId(secret).setRefAs(SecretRef.RefAsType.TEXT).build());
        StreamSourceInfo info = StreamSourceInfo.newBuilder().setFormat(FormatType.FORMAT_TYPE_DEBEZIUM).setRowEncode(EncodeType.ENCODE_TYPE_JSON)
                .setCdcSourceJob(true).build();
        Table state = internal(name, frag, "source", db, schema, owner, List.of(Col.of("split_id", VARCHAR), Col.of("offset_info", JSONB)),
                List.of(0), List.of(), STATE_DEFAULT_GROUP, StreamJobStatus.STREAM_JOB_STATUS_CREATED);
        Source s = sourceCatalog(id, name, db, schema, owner, cols, "CREATE SOURCE " + name + " WITH (connector = 'postgres-cdc', hostname = 'pg.internal', "
                + "port = '5432', username = 'rw', password = secret pg_password, database.name = 'shop')")
                .putWithProperties("connector", "postgres-cdc").putWithProperties("hostname", "pg.internal").putWithProperties("port", "5432")
                .putWithProperties("username", "rw").putWithProperties("database.name", "shop").putAllSecretRefs(refs).setInfo(info).build();
        putModel(ColumnFamily.CATALOG_SOURCE, MetaKeys.encodeId(id), s);
        count("source");

        StreamJobBuilder job = new StreamJobBuilder(id, s.getDefinition());
        StreamNode plan = node("StreamSource { source: " + name + " }", cols, List.of(), true, b -> b.setSource(SourceNode.newBuilder()
                .setSourceInner(StreamSource.newBuilder().setStateTable(state).setInfo(info).putAllSecretRefs(refs))));
        StreamJobBuilder.Frag f = job.fragment(frag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_SOURCE), true, 1, (int) ids.get("actor").take(1),
                computeWorkers, id, plan, List.of(state.getId()));
        ConnectorSplits splits = ConnectorSplits.newBuilder().addSplits(ConnectorSplit.newBuilder().setSplitType("postgres-cdc")
                .setEncodedSplit(ByteString.copyFromUtf8("{\"postgres_split\":{\"split_id\":" + id + ",\"start_offset\":null,\"snapshot_done\":true},"
                        + "\"mysql_split\":null,\"citus_split\":null,\"mongodb_split\":null}"))).build();
        pending(job, TableFragments.State.CREATED, adaptive(), (fragment, k) -> fragment == frag ? splits : null);
        return new Rel(id, name, cols, List.of(), null, f);
    }

    /** A table fed by a shared CDC source: a CDC backfill fragment and a materialize fragment. */
    void cdcTable(String name, int db, int schema, int owner, Rel source, int secret) {
        int id = (int) id("table");
        int scanFrag = (int) id("fragment");
        int mvFrag = (int) id("fragment");
        List<Col> cols = List.of(Col.of("customer_id", INT64), Col.of("name", VARCHAR), Col.of("email", VARCHAR), Col.of("country", VARCHAR));
        String definition = "CREATE TABLE " + name + " (customer_id bigint, name varchar, email varchar, country varchar, PRIMARY KEY (customer_id)) "
                + "FROM " + source.name() + " TABLE 'public.customers'";
        Table table = tableCatalog(id, name, db, schema, owner, TableType.TABLE, cols, List.of(0), List.of(0), definition, mvFrag,
                StreamJobStatus.STREAM_JOB_STATUS_CREATED).addDependentRelations(source.id())
                .setHandlePkConflictBehavior(HandleConflictBehavior.HANDLE_CONFLICT_BEHAVIOR_OVERWRITE)
                // no dml_fragment_id: the plan has no DML fragment (the meta node stores fragment_graph.dml_fragment_id())
                .setCdcTableId(source.id() + ".public.customers")
                .setVersion(Table.TableVersion.newBuilder().setNextColumnId(cols.size() + 1)).build();
        putTable(table, "table");
        stateTable(MATERIALIZED_VIEW_GROUP, id);
        Table state = internal(name, scanFrag, "streamcdcscan", db, schema, owner, List.of(Col.of("split_id", VARCHAR), Col.of("customer_id", INT64),
                Col.of("backfill_finished", BOOLEAN), Col.of("row_count", INT64), Col.of("cdc_offset", JSONB)), List.of(0), List.of(),
                STATE_DEFAULT_GROUP, StreamJobStatus.STREAM_JOB_STATUS_CREATED);
        ExternalTableDesc.Builder desc = ExternalTableDesc.newBuilder().setTableId(id).setTableName("public.customers").setSourceId(source.id())
                .addPk(Columns.asc(0)).addStreamKey(0).putConnectProperties("hostname", "pg.internal").putConnectProperties("port", "5432")
                .putConnectProperties("username", "rw").putConnectProperties("database.name", "shop")
                .putSecretRefs("password", SecretRef.newBuilder().setSecretId(secret).setRefAs(SecretRef.RefAsType.TEXT).build());
        table.getColumnsList().forEach(c -> desc.addColumns(c.getColumnDesc()));

        StreamJobBuilder job = new StreamJobBuilder(id, definition);
        StreamNode scan = node("StreamCdcTableScan { table: public.customers }", cols, List.of(0), false,
                b -> b.setStreamCdcScan(StreamCdcScanNode.newBuilder().setStateTable(state).setCdcTableDesc(desc)),
                merge(source.mview().id, source.cols(), List.of(), true));
        StreamJobBuilder.Frag f1 = job.fragment(scanFrag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_STREAM_SCAN), true, 1, (int) ids.get("actor").take(1),
                computeWorkers, id, scan, List.of(state.getId()));
        int p = parallelism();
        StreamNode mat = node("StreamMaterialize { columns: " + names(cols) + ", pk_conflict: Overwrite }", cols, List.of(0), false,
                b -> b.setMaterialize(MaterializeNode.newBuilder().setTable(table)), merge(scanFrag, cols, List.of(0), false));
        StreamJobBuilder.Frag f2 = job.fragment(mvFrag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_MVIEW), false, p, (int) ids.get("actor").take(p),
                computeWorkers, id, mat, List.of(id));
        StreamJobBuilder.link(source.mview(), f1, DispatcherType.DISPATCHER_TYPE_NO_SHUFFLE, List.of(), source.cols().size());
        StreamJobBuilder.link(f1, f2, DispatcherType.DISPATCHER_TYPE_HASH, List.of(0), cols.size());
        pending(job, TableFragments.State.CREATED, adaptive(), null);
    }

    /** A table with a Kafka connector: its associated source and the table form one streaming job. */
    Rel connectorTable(String name, int db, int schema, int owner, int secret) {
        int id = (int) id("table");
        int sourceId = (int) id("table");
        int srcFrag = (int) id("fragment");
        int mvFrag = (int) id("fragment");
        List<Col> cols = List.of(Columns.ROW_ID, Col.of("device", VARCHAR), Col.of("reading", DECIMAL), Col.of("at", TIMESTAMPTZ));
        String definition = "CREATE TABLE " + name + " (device varchar, reading decimal, at timestamptz) APPEND ONLY WITH (connector = 'kafka', "
                + "topic = 'events', properties.bootstrap.server = 'b-1.msk:9096') FORMAT PLAIN ENCODE JSON";
        Map<String, SecretRef> refs = Map.of("properties.sasl.password", SecretRef.newBuilder().setSecretId(secret).setRefAs(SecretRef.RefAsType.TEXT).build());
        StreamSourceInfo info = StreamSourceInfo.newBuilder().setFormat(FormatType.FORMAT_TYPE_PLAIN).setRowEncode(EncodeType.ENCODE_TYPE_JSON).build();
        Table table = tableCatalog(id, name, db, schema, owner, TableType.TABLE, cols, List.of(0), List.of(0), definition, mvFrag,
                StreamJobStatus.STREAM_JOB_STATUS_CREATED).setAppendOnly(true).setRowIdIndex(0).setAssociatedSourceId(sourceId).setDmlFragmentId(srcFrag)
                .setVersion(Table.TableVersion.newBuilder().setNextColumnId(cols.size())).build();
        putTable(table, "table");
        stateTable(MATERIALIZED_VIEW_GROUP, id);
        Source source = sourceCatalog(sourceId, name, db, schema, owner, cols, definition).setRowIdIndex(0).addPkColumnIds(0)
                .putWithProperties("connector", "kafka").putWithProperties("topic", "events").putWithProperties("properties.bootstrap.server", "b-1.msk:9096")
                .putAllSecretRefs(refs).setInfo(info).setAssociatedTableId(id).build();
        putModel(ColumnFamily.CATALOG_SOURCE, MetaKeys.encodeId(sourceId), source);
        count("source");
        Table state = internal(name, srcFrag, "source", db, schema, owner, List.of(Col.of("partition_id", VARCHAR), Col.of("offset_info", JSONB)),
                List.of(0), List.of(), STATE_DEFAULT_GROUP, StreamJobStatus.STREAM_JOB_STATUS_CREATED);

        int p = parallelism();
        StreamJobBuilder job = new StreamJobBuilder(id, definition);
        StreamNode src = node("StreamDml { columns: " + names(cols) + " }", cols, List.of(0), true, b -> b.setDml(DmlNode.getDefaultInstance()),
                node("StreamSource { source: " + name + " }", cols, List.of(0), true, b -> b.setSource(SourceNode.newBuilder()
                        .setSourceInner(StreamSource.newBuilder().setStateTable(state).setInfo(info).putAllSecretRefs(refs)))));
        StreamJobBuilder.Frag f1 = job.fragment(srcFrag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_SOURCE, FragmentTypeFlag.FRAGMENT_TYPE_FLAG_DML),
                false, p, (int) ids.get("actor").take(p), computeWorkers, id, src, List.of(state.getId()));
        StreamNode mat = node("StreamMaterialize { columns: " + names(cols) + ", pk_conflict: NoCheck }", cols, List.of(0), true,
                b -> b.setMaterialize(MaterializeNode.newBuilder().setTable(table)),
                node("StreamRowIdGen { row_id_index: 0 }", cols, List.of(0), true, b -> b.setRowIdGen(RowIdGenNode.getDefaultInstance()),
                        merge(srcFrag, cols, List.of(0), true)));
        StreamJobBuilder.Frag f2 = job.fragment(mvFrag, flags(FragmentTypeFlag.FRAGMENT_TYPE_FLAG_MVIEW), false, p, (int) ids.get("actor").take(p),
                computeWorkers, id, mat, List.of(id));
        StreamJobBuilder.link(f1, f2, DispatcherType.DISPATCHER_TYPE_NO_SHUFFLE, List.of(), cols.size());
        // One Kafka partition per source actor.
        StreamJobBuilder.Splits splits = (fragment, k) -> fragment != srcFrag ? null : ConnectorSplits.newBuilder().addSplits(ConnectorSplit
                .newBuilder().setSplitType("kafka").setEncodedSplit(ByteString.copyFromUtf8("{\"topic\":\"events\",\"partition\":" + k
                        + ",\"start_offset\":" + (41_230 + 17 * k) + ",\"stop_offset\":null}"))).build();
        pending(job, TableFragments.State.CREATED, adaptive(), splits);
        return new Rel(id, name, cols, List.of(0), table, f2);
    }
}
