package dev.rwsh.generator;

import static dev.rwsh.generator.Columns.Col;
import static dev.rwsh.proto.data.DataType.TypeName.DECIMAL;
import static dev.rwsh.proto.data.DataType.TypeName.INT64;
import static dev.rwsh.proto.data.DataType.TypeName.TIMESTAMPTZ;
import static dev.rwsh.proto.data.DataType.TypeName.VARCHAR;

import com.google.protobuf.ByteString;
import dev.rwsh.commands.meta.ColumnFamily;
import dev.rwsh.commands.meta.MetaKeys;
import dev.rwsh.proto.catalog.Connection;
import dev.rwsh.proto.catalog.CreateType;
import dev.rwsh.proto.catalog.Database;
import dev.rwsh.proto.catalog.Function;
import dev.rwsh.proto.catalog.HandleConflictBehavior;
import dev.rwsh.proto.catalog.Schema;
import dev.rwsh.proto.catalog.Secret;
import dev.rwsh.proto.catalog.Source;
import dev.rwsh.proto.catalog.StreamJobStatus;
import dev.rwsh.proto.catalog.StreamSourceInfo;
import dev.rwsh.proto.catalog.Subscription;
import dev.rwsh.proto.catalog.Table;
import dev.rwsh.proto.catalog.Table.TableType;
import dev.rwsh.proto.catalog.View;
import dev.rwsh.proto.plan_common.Cardinality;
import dev.rwsh.proto.plan_common.EncodeType;
import dev.rwsh.proto.plan_common.FormatType;
import dev.rwsh.proto.secret.SecretRef;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Catalog objects without a streaming job of their own: databases, schemas, secrets, connections, functions, views, subscriptions, plain sources, and the table catalog entries the relations build on. */
abstract class CatalogObjects extends StreamJobs {
    CatalogObjects(ClusterGenerator.Options options, KeyValueSink sink) {
        super(options, sink);
    }

    int database(String name, int owner) {
        int id = (int) id("database");
        putModel(ColumnFamily.CATALOG_DATABASE, MetaKeys.encodeId(id), Database.newBuilder().setId(id).setName(name).setOwner(owner).build());
        count("database");
        for (String s : List.of("public", "pg_catalog", "information_schema", "rw_catalog")) {
            schema(id, s, owner);
        }
        return id;
    }

    int schema(int database, String name, int owner) {
        int id = (int) id("schema");
        Schema s = Schema.newBuilder().setId(id).setDatabaseId(database).setName(name).setOwner(owner).build();
        schemas.put(id, s);
        putModel(ColumnFamily.CATALOG_SCHEMA, MetaKeys.encodeId(id), s);
        count("schema");
        return id;
    }

    int schemaOf(int database, String name) {
        return schemas.values().stream().filter(s -> s.getDatabaseId() == database && s.getName().equals(name)).findFirst().orElseThrow().getId();
    }

    int secret(String name, int db, int schema, int owner) {
        int id = (int) id("secret");
        byte[] cipher = new byte[48];
        random.nextBytes(cipher);
        putModel(ColumnFamily.CATALOG_SECRET, MetaKeys.encodeId(id), Secret.newBuilder().setId(id).setName(name).setDatabaseId(db)
                .setSchemaId(schema).setOwner(owner).setValue(ByteString.copyFrom(cipher)).build());
        count("secret");
        return id;
    }

    int connection(String name, int db, int schema, int owner) {
        int id = (int) id("connection");
        Connection c = Connection.newBuilder().setId(id).setName(name).setDatabaseId(db).setSchemaId(schema).setOwner(owner)
                .setPrivateLinkService(Connection.PrivateLinkService.newBuilder()
                        .setProvider(Connection.PrivateLinkService.PrivateLinkProvider.AWS)
                        .setServiceName("com.amazonaws.vpce.us-east-1.vpce-svc-0a1b2c3d4e5f67890")
                        .setEndpointId("vpce-0f1e2d3c4b5a69788")
                        .putDnsEntries("us-east-1a", "vpce-0f1e2d3c4b5a69788-a1b2c3d4-us-east-1a.vpce-svc.amazonaws.com")
                        .putDnsEntries("us-east-1b", "vpce-0f1e2d3c4b5a69788-a1b2c3d4-us-east-1b.vpce-svc.amazonaws.com")
                        .setEndpointDnsName("vpce-0f1e2d3c4b5a69788-a1b2c3d4.vpce-svc.amazonaws.com"))
                .build();
        putModel(ColumnFamily.CATALOG_CONNECTION, MetaKeys.encodeId(id), c);
        count("connection");
        return id;
    }

    void function(String name, int db, int schema, int owner, String language, String body, String runtime) {
        int id = (int) id("function");
        Function.Builder f = Function.newBuilder().setId(id).setName(name).setDatabaseId(db).setSchemaId(schema).setOwner(owner)
                .addArgTypes(Columns.type(DECIMAL)).setReturnType(Columns.type(DECIMAL)).setLanguage(language)
                .setScalar(Function.ScalarFunction.getDefaultInstance()).setBody(body).addArgNames("x");
        if (runtime != null) {
            f.setRuntime(runtime);
        }
        putModel(ColumnFamily.CATALOG_FUNCTION, MetaKeys.encodeId(id), f.build());
        count("function");
    }

    Table.Builder tableCatalog(int id, String name, int db, int schema, int owner, TableType type, List<Col> cols, List<Integer> pk,
            List<Integer> distKey, String definition, int fragmentId, StreamJobStatus status) {
        Table.Builder t = Table.newBuilder().setId(id).setName(name).setDatabaseId(db).setSchemaId(schema).setOwner(owner).setTableType(type)
                .setDefinition(definition).setFragmentId(fragmentId).setStreamJobStatus(status)
                .setCreateType(status == StreamJobStatus.STREAM_JOB_STATUS_CREATING ? CreateType.CREATE_TYPE_BACKGROUND : CreateType.CREATE_TYPE_FOREGROUND)
                .setCardinality(Cardinality.getDefaultInstance())
                .setHandlePkConflictBehavior(HandleConflictBehavior.HANDLE_CONFLICT_BEHAVIOR_NO_CHECK);
        Columns.shape(t, cols, pk, distKey);
        stamp(t::setInitializedAtEpoch, t::setCreatedAtEpoch, t::setInitializedAtClusterVersion, t::setCreatedAtClusterVersion);
        return t;
    }

    void stamp(java.util.function.LongConsumer initialized, java.util.function.LongConsumer created,
            Consumer<String> initializedVersion, Consumer<String> createdVersion) {
        nowMs += 60_000 + random.nextInt(3_600_000);
        long epoch = (nowMs - EPOCH_ORIGIN_MS) << 16;
        initialized.accept(epoch);
        created.accept(epoch + (5_000L << 16));
        initializedVersion.accept(clusterVersion);
        createdVersion.accept(clusterVersion);
    }

    /** An internal state table of a job's fragment, named as RisingWave names them. */
    Table internal(String job, int fragmentId, String kind, int db, int schema, int owner, List<Col> cols, List<Integer> pk,
            List<Integer> distKey, int group, StreamJobStatus status) {
        int id = (int) id("table");
        Table t = tableCatalog(id, "__internal_" + job + "_" + fragmentId + "_" + kind + "_" + id, db, schema, owner, TableType.INTERNAL, cols, pk,
                distKey, "", fragmentId, status).build();
        putTable(t, "internal");
        stateTable(group, id);
        return t;
    }

    void putTable(Table t, String kind) {
        putModel(ColumnFamily.CATALOG_TABLE, MetaKeys.encodeId(t.getId()), t);
        count(kind);
    }

    void stateTable(int group, int tableId) {
        tablesByGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(tableId);
    }

    void subscription(String name, int db, int schema, int owner, Rel table) {
        int id = (int) id("table");
        Subscription.Builder s = Subscription.newBuilder().setId(id).setName(name).setDatabaseId(db).setSchemaId(schema).setOwner(owner)
                .setDefinition("CREATE SUBSCRIPTION " + name + " FROM " + table.name() + " WITH (retention = '1D')")
                .setRetentionSeconds(86_400).setDependentTableId(table.id()).setSubscriptionState(Subscription.SubscriptionState.CREATED);
        stamp(s::setInitializedAtEpoch, s::setCreatedAtEpoch, s::setInitializedAtClusterVersion, s::setCreatedAtClusterVersion);
        putModel(ColumnFamily.CATALOG_SUBSCRIPTION, MetaKeys.encodeId(id), s.build());
        subscriptionIds.add(id);
        count("subscription");
    }

    void view(String name, int db, int schema, int owner, Rel table, String sql) {
        int id = (int) id("table");
        View v = View.newBuilder().setId(id).setName(name).setDatabaseId(db).setSchemaId(schema).setOwner(owner).setSql(sql)
                .addDependentRelations(table.id()).addAllColumns(Columns.fields(table.cols())).build();
        putModel(ColumnFamily.CATALOG_VIEW, MetaKeys.encodeId(id), v);
        viewIds.add(id);
        count("view");
    }

    Source.Builder sourceCatalog(int id, String name, int db, int schema, int owner, List<Col> cols, String definition) {
        Source.Builder s = Source.newBuilder().setId(id).setName(name).setDatabaseId(db).setSchemaId(schema).setOwner(owner)
                .addAllColumns(Columns.catalogs(cols)).setDefinition(definition).setVersion(1);
        stamp(s::setInitializedAtEpoch, s::setCreatedAtEpoch, s::setInitializedAtClusterVersion, s::setCreatedAtClusterVersion);
        return s;
    }

    /** A plain (not shared) Kafka source: a catalog entry, no streaming job of its own. */
    void plainSource(String name, int db, int schema, int owner, int secret) {
        int id = (int) id("table");
        List<Col> cols = List.of(Columns.ROW_ID, Col.of("user_id", INT64), Col.of("url", VARCHAR), Col.of("clicked_at", TIMESTAMPTZ));
        Source s = sourceCatalog(id, name, db, schema, owner, cols, "CREATE SOURCE " + name + " (user_id bigint, url varchar, clicked_at timestamptz) "
                + "WITH (connector = 'kafka', topic = 'clicks') FORMAT PLAIN ENCODE JSON")
                .setRowIdIndex(0).addPkColumnIds(0)
                .putWithProperties("connector", "kafka").putWithProperties("topic", "clicks").putWithProperties("properties.bootstrap.server", "b-1.msk:9096")
                .putSecretRefs("properties.sasl.password", SecretRef.newBuilder().setSecretId(secret).setRefAs(SecretRef.RefAsType.TEXT).build())
                .setInfo(StreamSourceInfo.newBuilder().setFormat(FormatType.FORMAT_TYPE_PLAIN).setRowEncode(EncodeType.ENCODE_TYPE_JSON))
                .build();
        putModel(ColumnFamily.CATALOG_SOURCE, MetaKeys.encodeId(id), s);
        count("source");
    }
}
