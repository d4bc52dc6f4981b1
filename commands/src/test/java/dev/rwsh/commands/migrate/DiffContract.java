package dev.rwsh.commands.migrate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.UnknownFieldSet;
import dev.rwsh.commands.ExitStatus;
import dev.rwsh.commands.diff.DiffCommand;
import dev.rwsh.commands.diff.CategoryDiff;
import dev.rwsh.commands.diff.DiffResult;
import dev.rwsh.commands.diff.FieldDiff;
import dev.rwsh.commands.diff.ObjectDiff;
import dev.rwsh.commands.diff.ShowResult;
import dev.rwsh.commands.diff.ShownField;
import dev.rwsh.commands.diff.ShownRow;
import dev.rwsh.commands.etcd.EtcdConnection;
import dev.rwsh.commands.etcd.EtcdSnapshot;
import dev.rwsh.generator.ClusterGenerator;
import dev.rwsh.commands.meta.ProstEncoder;
import dev.rwsh.commands.sql.SqlBackend;
import dev.rwsh.commands.sql.SqlConnection;
import dev.rwsh.commands.sql.SqlConnector;
import dev.rwsh.commands.sql.SqlDialect;
import dev.rwsh.commands.sql.SqlEndpoint;
import dev.rwsh.commands.testsupport.EtcdServer;
import dev.rwsh.commands.testsupport.ScratchDatabase;
import dev.rwsh.proto.stream_plan.StreamNode;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * diff against real services: the generated cluster migrated into a scratch database diffs clean;
 * then the SQL store is tampered with in every way the issue names (plus one blob re-encoded in
 * another field order and one JSON value written with spaces and its keys reversed, which must stay
 * equal) and diff finds and names each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class DiffContract {
    EtcdServer server;
    EtcdConnection etcd;
    ScratchDatabase db;
    SqlConnection sql;

    protected abstract ScratchDatabase createTarget();

    @BeforeAll
    void start() throws Exception {
        server = EtcdServer.start();
        server.generateStopped(ClusterGenerator.Options.small(11));
        etcd = server.connect();
        db = createTarget();
        sql = SqlConnector.connect(SqlEndpoint.parse(db.url()));
        Path state = Files.createTempDirectory("rwsh-diff-state").resolve("migrate-state.json");
        MigrateCommand.MigrateResult r = MigrateCommand.run(EtcdSnapshot.open(etcd), "etcd", sql, new MigrateCommand.Options(false, false, state),
                MigrationListener.NONE);
        assertEquals(List.of(), r.errors());
    }

    @AfterAll
    void stop() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {sql, etcd, server, db}) {
            if (c != null) {
                c.close();
            }
        }
    }

    DiffResult diff(boolean details, String category) {
        return DiffCommand.run(EtcdSnapshot.open(etcd), "etcd", sql, new DiffCommand.Options(details, category, 1000));
    }

    static CategoryDiff category(DiffResult r, String name) {
        return r.categories().stream().filter(c -> c.category().equals(name)).findFirst().orElseThrow(() -> new AssertionError("no category " + name));
    }

    @Test
    @Order(1)
    void aMigratedStoreDiffsClean() throws Exception {
        DiffResult r = diff(true, null);
        List<String> unclean = r.categories().stream().filter(c -> !c.clean()).map(Object::toString).toList();
        assertEquals(List.of(), unclean, () -> "details: " + r.details());
        assertTrue(r.clean());
        assertEquals(ExitStatus.OK, r.exitStatus());
        assertEquals(List.of(), r.details());
        for (String c : List.of("cluster", "system_parameter", "session_parameter", "worker", "user", "user_privilege", "object", "database",
                "schema", "table", "source", "sink", "index", "view", "streaming_job", "fragment", "actor", "actor_dispatcher",
                "object_dependency", "catalog_version", "hummock_version_delta", "compaction_config", "sequences")) {
            CategoryDiff x = category(r, c);
            assertEquals(x.etcd(), x.sql(), c);
        }
        assertTrue(category(r, "actor").etcd() > 10);
        assertTrue(category(r, "fragment").etcd() > 5);
        // JSON carries what the table shows
        JsonNode json = new ObjectMapper().valueToTree(r);
        assertTrue(json.get("clean").asBoolean());
        assertEquals(r.categories().size(), json.get("categories").size());
        assertTrue(json.get("categories").get(0).has("onlyInEtcd"));
    }

    @Test
    @Order(2)
    void aSchemaRenumberedInSqlStillDiffsClean() throws Exception {
        // As if RisingWave had dropped and recreated schema dev.staging under a new id: the schema's
        // object and schema rows, every object in it, its grants and dependencies, and the tables its
        // jobs' stream plans embed all move to the new id. Matched by name and owner, nothing differs.
        long[] ids = sql.withDialect("renumber", (c, d) -> renumberSchema(c, d, "staging"));
        assertNotEquals(ids[0], ids[1]);
        DiffResult r = diff(true, null);
        List<String> unclean = r.categories().stream().filter(c -> !c.clean()).map(Object::toString).toList();
        assertEquals(List.of(), unclean, () -> "details: " + r.details());
        assertTrue(r.clean());
        assertTrue(category(r, "fragment").etcd() > 5);
        long moved = sql.withDialect("count", (c, d) -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + d.quote("object") + " WHERE "
                    + d.quote("schema_id") + " = " + ids[1])) {
                rs.next();
                return rs.getLong(1);
            }
        });
        assertTrue(moved > 0, "objects in the renumbered schema: " + moved);
    }

    @Test
    @Order(3)
    void aDatabaseRenamedInSqlIsOneDifferenceNamedByItsName() throws Exception {
        String rename = "UPDATE %s SET %s = '%s' WHERE %s = '%s'";
        sql.withDialect("rename", (c, d) -> {
            try (Statement s = c.createStatement()) {
                assertEquals(1, s.executeUpdate(String.format(rename, d.quote("database"), d.quote("name"), "analytics_renamed", d.quote("name"), "analytics")));
            }
            return null;
        });
        DiffResult r = diff(true, null);
        assertFalse(r.clean());
        for (CategoryDiff x : r.categories()) {
            if (!x.category().equals("database")) {
                assertTrue(x.clean(), () -> x + " details: " + r.details());
            }
        }
        CategoryDiff db = category(r, "database");
        assertEquals(1, db.onlyInEtcd() + db.onlyInSql() + db.different(), db.toString());
        assertEquals(1, r.details().size(), r.details().toString());
        ObjectDiff o = r.details().get(0);
        assertEquals("different", o.state());
        assertEquals("analytics", o.name());
        assertTrue(o.key().contains("database analytics"), o.key());
        assertEquals(List.of(new FieldDiff("name", "analytics", "analytics_renamed")), o.fields());
        sql.withDialect("rename back", (c, d) -> {
            try (Statement s = c.createStatement()) {
                assertEquals(1, s.executeUpdate(String.format(rename, d.quote("database"), d.quote("name"), "analytics", d.quote("name"), "analytics_renamed")));
            }
            return null;
        });
        assertTrue(diff(false, null).clean());
    }

    /** Moves a schema to a new id in SQL with every reference to it; returns the old and the new id. */
    private long[] renumberSchema(Connection c, SqlDialect d, String name) throws java.sql.SQLException {
        long old;
        long fresh;
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT " + d.quote("schema_id") + " FROM " + d.quote("schema") + " WHERE " + d.quote("name") + " = '"
                    + name + "'")) {
                assertTrue(rs.next());
                old = rs.getLong(1);
                assertFalse(rs.next(), "one schema named " + name);
            }
            try (ResultSet rs = s.executeQuery("SELECT MAX(" + d.quote("oid") + ") FROM " + d.quote("object"))) {
                rs.next();
                fresh = rs.getLong(1) + 1000;
            }
            // a copy of the schema's object row under the new id
            List<String> cols = new ArrayList<>();
            List<Object> vals = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT * FROM " + d.quote("object") + " WHERE " + d.quote("oid") + " = " + old)) {
                assertTrue(rs.next());
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    String col = rs.getMetaData().getColumnLabel(i);
                    cols.add(d.quote(col));
                    vals.add(col.equalsIgnoreCase("oid") ? (Object) fresh : rs.getObject(i));
                }
            }
            try (PreparedStatement p = c.prepareStatement("INSERT INTO " + d.quote("object") + " (" + String.join(", ", cols) + ") VALUES ("
                    + String.join(", ", java.util.Collections.nCopies(cols.size(), "?")) + ")")) {
                for (int i = 0; i < vals.size(); i++) {
                    p.setObject(i + 1, vals.get(i));
                }
                p.executeUpdate();
            }
            s.executeUpdate("INSERT INTO " + d.quote("schema") + " (" + d.quote("schema_id") + ", " + d.quote("name") + ") VALUES (" + fresh + ", '"
                    + name + "')");
            s.executeUpdate("UPDATE " + d.quote("object") + " SET " + d.quote("schema_id") + " = " + fresh + " WHERE " + d.quote("schema_id") + " = " + old);
            s.executeUpdate("UPDATE " + d.quote("user_privilege") + " SET " + d.quote("oid") + " = " + fresh + " WHERE " + d.quote("oid") + " = " + old);
            for (String col : List.of("oid", "used_by")) {
                s.executeUpdate("UPDATE " + d.quote("object_dependency") + " SET " + d.quote(col) + " = " + fresh + " WHERE " + d.quote(col) + " = " + old);
            }
            // the tables stream plans embed (migrate leaves a scan's arrangement table as it is)
            Map<Integer, byte[]> plans = new TreeMap<>();
            try (ResultSet rs = s.executeQuery("SELECT " + d.quote("fragment_id") + ", " + d.quote("stream_node") + " FROM " + d.quote("fragment"))) {
                while (rs.next()) {
                    plans.put(rs.getInt(1), rs.getBytes(2));
                }
            }
            int changed = 0;
            try (PreparedStatement p = c.prepareStatement("UPDATE " + d.quote("fragment") + " SET " + d.quote("stream_node") + " = ? WHERE "
                    + d.quote("fragment_id") + " = ?")) {
                for (Map.Entry<Integer, byte[]> e : plans.entrySet()) {
                    StreamNode n = StreamNode.parseFrom(e.getValue());
                    StreamNode m = (StreamNode) withSchema(n, (int) old, (int) fresh);
                    if (m != n) {
                        p.setBytes(1, ProstEncoder.encode(m));
                        p.setInt(2, e.getKey());
                        p.executeUpdate();
                        changed++;
                    }
                }
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
            assertTrue(changed > 0, "stream plans that embed a table of schema " + name);
            s.executeUpdate("DELETE FROM " + d.quote("schema") + " WHERE " + d.quote("schema_id") + " = " + old);
            s.executeUpdate("DELETE FROM " + d.quote("object") + " WHERE " + d.quote("oid") + " = " + old);
            if (d.backend() == SqlBackend.POSTGRES) {
                s.execute("SELECT setval('object_oid_seq', " + fresh + ")"); // as if the sequence had handed it out
            }
        }
        return new long[] {old, fresh};
    }

    private static final com.google.protobuf.Descriptors.FieldDescriptor ARRANGEMENT =
            dev.rwsh.proto.stream_plan.StreamScanNode.getDescriptor().findFieldByName("arrangement_table");

    /** The message with every embedded table of schema {@code from} moved to {@code to}; the same instance when none is. */
    private static com.google.protobuf.Message withSchema(com.google.protobuf.Message m, int from, int to) {
        if (m instanceof dev.rwsh.proto.catalog.Table t) {
            return t.getSchemaId() == from ? t.toBuilder().setSchemaId(to).build() : t;
        }
        com.google.protobuf.Message.Builder b = null;
        for (com.google.protobuf.Descriptors.FieldDescriptor f : m.getDescriptorForType().getFields()) {
            if (f.getJavaType() != com.google.protobuf.Descriptors.FieldDescriptor.JavaType.MESSAGE || f == ARRANGEMENT) {
                continue;
            }
            if (f.isRepeated()) {
                for (int i = 0; i < m.getRepeatedFieldCount(f); i++) {
                    com.google.protobuf.Message v = (com.google.protobuf.Message) m.getRepeatedField(f, i);
                    com.google.protobuf.Message nv = withSchema(v, from, to);
                    if (nv != v) {
                        b = b == null ? m.toBuilder() : b;
                        b.setRepeatedField(f, i, nv);
                    }
                }
            } else if (m.hasField(f)) {
                com.google.protobuf.Message v = (com.google.protobuf.Message) m.getField(f);
                com.google.protobuf.Message nv = withSchema(v, from, to);
                if (nv != v) {
                    b = b == null ? m.toBuilder() : b;
                    b.setField(f, nv);
                }
            }
        }
        return b == null ? m : b.build();
    }

    int actorId;
    int actorJsonChanged;
    int sourceJsonRewritten;
    int renamedTable;
    String renamedFrom;
    String sysparam;
    int fragmentChanged;
    int fragmentReordered;
    long privilegeUser;
    long privilegeOid;
    String privilegeObjType;

    @Test
    @Order(4)
    void everyTamperingIsFoundAndNamed() throws Exception {
        sql.withDialect("tamper", (c, d) -> {
            try {
                tamper(c, d);
            } catch (java.sql.SQLException | RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return null;
        });
        DiffResult r = diff(true, null);
        assertFalse(r.clean());
        assertEquals(ExitStatus.CHECK_FAILED, r.exitStatus());
        Map<String, List<ObjectDiff>> by = new TreeMap<>();
        for (ObjectDiff o : r.details()) {
            by.computeIfAbsent(o.category(), x -> new ArrayList<>()).add(o);
        }
        // a missing actor
        assertEquals(1, category(r, "actor").onlyInEtcd());
        assertTrue(by.get("actor").stream().anyMatch(o -> o.key().equals(String.valueOf(actorId)) && o.state().equals("only in etcd")));
        // a changed JSON value, named by its column; the one written in another form is equal
        assertEquals(1, category(r, "actor").different());
        ObjectDiff json = by.get("actor").stream().filter(o -> o.key().equals(String.valueOf(actorJsonChanged))).findFirst().orElseThrow();
        assertEquals(List.of("upstream_actor_ids"), json.fields().stream().map(FieldDiff::field).toList(), json.toString());
        assertEquals("{\"0\":[1]}", json.fields().get(0).sql());
        assertTrue(category(r, "source").clean(), category(r, "source").toString());
        // an extra object (a database only in SQL)
        assertEquals(1, category(r, "object").onlyInSql());
        assertEquals(1, category(r, "database").onlyInSql());
        assertTrue(by.get("database").stream().anyMatch(o -> "extra_db".equals(o.name()) && o.state().equals("only in SQL")));
        // a renamed table
        ObjectDiff renamed = by.get("table").stream().filter(o -> o.key().equals(String.valueOf(renamedTable))).findFirst().orElseThrow();
        assertEquals("different", renamed.state());
        assertEquals(List.of(new FieldDiff("name", renamedFrom, "renamed_by_test")), renamed.fields());
        // a changed system parameter
        ObjectDiff param = by.get("system_parameter").get(0);
        assertEquals(sysparam, param.key());
        assertEquals("value", param.fields().get(0).field());
        assertEquals("4242", param.fields().get(0).sql());
        // a changed blob inside a fragment, named by the field inside the message; the re-ordered one is equal
        assertEquals(1, category(r, "fragment").different());
        ObjectDiff frag = by.get("fragment").get(0);
        assertEquals(String.valueOf(fragmentChanged), frag.key());
        assertTrue(frag.fields().stream().anyMatch(f -> f.field().equals("stream_node.identity") && f.sql().contains("tampered")), frag.toString());
        // a missing privilege
        assertEquals(1, category(r, "user_privilege").onlyInEtcd());
        // named by the object granted on: a relation by its id, a database, schema, function, connection or secret by its identity
        String grantedOn = List.of("DATABASE", "SCHEMA", "FUNCTION", "CONNECTION", "SECRET").contains(privilegeObjType)
                ? privilegeObjType.toLowerCase(java.util.Locale.ROOT) + " " : privilegeOid + "/";
        assertTrue(by.get("user_privilege").get(0).key().startsWith(privilegeUser + "/" + grantedOn), by.get("user_privilege").toString());
        // a wrong sequence value (InnoDB moves AUTO_INCREMENT past the rows by itself, so MySQL cannot be tampered so)
        if (sql.backend() != SqlBackend.MYSQL) {
            assertEquals(1, category(r, "sequences").different());
            assertEquals("object", by.get("sequences").get(0).key());
        }
        // nothing else
        for (CategoryDiff x : r.categories()) {
            if (!List.of("actor", "actor_dispatcher", "object", "database", "table", "system_parameter", "fragment", "user_privilege", "sequences")
                    .contains(x.category())) {
                assertTrue(x.clean(), x.toString());
            }
        }
        // --category and --limit
        DiffResult only = DiffCommand.run(EtcdSnapshot.open(etcd), "etcd", sql, new DiffCommand.Options(true, "table", 1));
        assertEquals(1, only.categories().size());
        assertEquals(1, only.details().size());
    }

    @Test
    @Order(5)
    void showPutsOneObjectSideBySide() {
        ShowResult s = DiffCommand.show(EtcdSnapshot.open(etcd), sql, "renamed_by_test");
        assertEquals(ExitStatus.CHECK_FAILED, s.exitStatus());
        ShownRow t = s.rows().stream().filter(r -> r.category().equals("table")).findFirst().orElseThrow();
        assertEquals("different", t.state());
        ShownField name = t.fields().stream().filter(f -> f.column().equals("name")).findFirst().orElseThrow();
        assertEquals(renamedFrom, name.etcd());
        assertEquals("renamed_by_test", name.sql());
        assertTrue(s.rows().stream().anyMatch(r -> r.category().equals("object") && r.state().equals("same")));
        ShowResult a = DiffCommand.show(EtcdSnapshot.open(etcd), sql, "actor " + actorId);
        assertEquals("only in etcd", a.rows().get(0).state());
    }

    private void tamper(Connection c, SqlDialect d) throws Exception {
        try (Statement s = c.createStatement()) {
            // a missing actor (its dispatchers go with it)
            try (ResultSet rs = s.executeQuery("SELECT MAX(" + d.quote("actor_id") + ") FROM " + d.quote("actor"))) {
                rs.next();
                actorId = rs.getInt(1);
            }
            s.executeUpdate("DELETE FROM " + d.quote("actor_dispatcher") + " WHERE " + d.quote("actor_id") + " = " + actorId);
            s.executeUpdate("DELETE FROM " + d.quote("actor") + " WHERE " + d.quote("actor_id") + " = " + actorId);
            // a changed JSON value in one actor; a source's written again with spaces and its keys in reverse order (equal as JSON)
            tamperJson(c, d, s);
            // an extra object
            s.executeUpdate("INSERT INTO " + d.quote("object") + " (" + d.quote("oid") + ", " + d.quote("obj_type") + ", " + d.quote("owner_id")
                    + ") VALUES (987654, 'DATABASE', 1)");
            s.executeUpdate("INSERT INTO " + d.quote("database") + " (" + d.quote("database_id") + ", " + d.quote("name") + ") VALUES (987654, 'extra_db')");
            // a renamed table
            try (ResultSet rs = s.executeQuery("SELECT " + d.quote("table_id") + ", " + d.quote("name") + " FROM " + d.quote("table") + " WHERE "
                    + d.quote("table_type") + " = 'TABLE' ORDER BY " + d.quote("table_id"))) {
                rs.next();
                renamedTable = rs.getInt(1);
                renamedFrom = rs.getString(2);
            }
            s.executeUpdate("UPDATE " + d.quote("table") + " SET " + d.quote("name") + " = 'renamed_by_test' WHERE " + d.quote("table_id") + " = "
                    + renamedTable);
            // a changed system parameter
            try (ResultSet rs = s.executeQuery("SELECT MIN(" + d.quote("name") + ") FROM " + d.quote("system_parameter"))) {
                rs.next();
                sysparam = rs.getString(1);
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE " + d.quote("system_parameter") + " SET " + d.quote("value") + " = '4242' WHERE "
                    + d.quote("name") + " = ?")) {
                p.setString(1, sysparam);
                assertEquals(1, p.executeUpdate());
            }
            // a changed blob in one fragment; another fragment's blob re-encoded in reverse field order (equal as a message)
            List<Object[]> frags = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT " + d.quote("fragment_id") + ", " + d.quote("stream_node") + " FROM " + d.quote("fragment")
                    + " ORDER BY " + d.quote("fragment_id"))) {
                while (rs.next() && frags.size() < 2) {
                    frags.add(new Object[] {rs.getInt(1), rs.getBytes(2)});
                }
            }
            fragmentChanged = (Integer) frags.get(0)[0];
            StreamNode n = StreamNode.parseFrom((byte[]) frags.get(0)[1]);
            byte[] changed = ProstEncoder.encode(n.toBuilder().setIdentity(n.getIdentity() + " tampered").build());
            fragmentReordered = (Integer) frags.get(1)[0];
            byte[] original = (byte[]) frags.get(1)[1];
            byte[] reordered = reversedFieldOrder(original);
            assertNotEquals(new String(original, java.nio.charset.StandardCharsets.ISO_8859_1),
                    new String(reordered, java.nio.charset.StandardCharsets.ISO_8859_1));
            try (PreparedStatement p = c.prepareStatement("UPDATE " + d.quote("fragment") + " SET " + d.quote("stream_node") + " = ? WHERE "
                    + d.quote("fragment_id") + " = ?")) {
                p.setBytes(1, changed);
                p.setInt(2, fragmentChanged);
                assertEquals(1, p.executeUpdate());
                p.setBytes(1, reordered);
                p.setInt(2, fragmentReordered);
                assertEquals(1, p.executeUpdate());
            }
            // a missing privilege
            long id;
            try (ResultSet rs = s.executeQuery("SELECT " + d.quote("id") + ", " + d.quote("user_id") + ", " + d.quote("oid") + " FROM "
                    + d.quote("user_privilege") + " ORDER BY " + d.quote("id"))) {
                rs.next();
                id = rs.getLong(1);
                privilegeUser = rs.getLong(2);
                privilegeOid = rs.getLong(3);
            }
            try (ResultSet rs = s.executeQuery("SELECT " + d.quote("obj_type") + " FROM " + d.quote("object") + " WHERE " + d.quote("oid") + " = "
                    + privilegeOid)) {
                rs.next();
                privilegeObjType = rs.getString(1);
            }
            s.executeUpdate("DELETE FROM " + d.quote("user_privilege") + " WHERE " + d.quote("id") + " = " + id);
            // a wrong sequence value
            if (d.backend() == SqlBackend.POSTGRES) {
                s.execute("SELECT setval('object_oid_seq', 3)");
            } else if (d.backend() == SqlBackend.SQLITE) {
                s.executeUpdate("UPDATE sqlite_sequence SET seq = 3 WHERE name = 'object'");
            }
        }
    }

    private void tamperJson(Connection c, SqlDialect d, Statement s) throws Exception {
        try (ResultSet rs = s.executeQuery("SELECT MIN(" + d.quote("actor_id") + ") FROM " + d.quote("actor"))) {
            rs.next();
            actorJsonChanged = rs.getInt(1);
        }
        String param = d.backend() == SqlBackend.POSTGRES ? "CAST(? AS jsonb)" : "?";
        try (PreparedStatement p = c.prepareStatement("UPDATE " + d.quote("actor") + " SET " + d.quote("upstream_actor_ids") + " = " + param
                + " WHERE " + d.quote("actor_id") + " = ?")) {
            p.setString(1, "{\"0\":[1]}");
            p.setInt(2, actorJsonChanged);
            assertEquals(1, p.executeUpdate());
        }
        // a source's properties (several keys) with spaces and the keys in reverse order
        String rewritten = null;
        try (ResultSet rs = s.executeQuery("SELECT " + d.quote("source_id") + ", " + d.quote("with_properties") + " FROM " + d.quote("source")
                + " ORDER BY " + d.quote("source_id"))) {
            while (rewritten == null && rs.next()) {
                JsonNode tree = new ObjectMapper().readTree(rs.getString(2));
                if (tree.size() > 1) {
                    sourceJsonRewritten = rs.getInt(1);
                    List<String> entries = new ArrayList<>();
                    tree.fields().forEachRemaining(e -> entries.add(0, "\"" + e.getKey() + "\" : " + e.getValue()));
                    rewritten = "{ " + String.join(", ", entries) + " }";
                }
            }
        }
        assertTrue(rewritten != null, "no source with two properties");
        try (PreparedStatement p = c.prepareStatement("UPDATE " + d.quote("source") + " SET " + d.quote("with_properties") + " = " + param
                + " WHERE " + d.quote("source_id") + " = ?")) {
            p.setString(1, rewritten);
            p.setInt(2, sourceJsonRewritten);
            assertEquals(1, p.executeUpdate());
        }
    }

    /** The same message with its top-level fields written from the highest number down. */
    static byte[] reversedFieldOrder(byte[] message) throws Exception {
        UnknownFieldSet set = UnknownFieldSet.parseFrom(message);
        List<Integer> numbers = new ArrayList<>(set.asMap().keySet());
        java.util.Collections.reverse(numbers);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        for (int number : numbers) {
            set.getField(number).writeTo(number, out);
        }
        out.flush();
        return bytes.toByteArray();
    }
}
