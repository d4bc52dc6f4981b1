-- RisingWave v2.0.7 meta-store migration m20230908_072257_init (sqlite).
-- Generated: the migration's up() run against a recording SchemaManager, each statement rendered by
-- sea-query 0.30.7 exactly as sea-orm-migration 0.12.14 would send it. See docs/sql-schema.md.
-- Format: lines starting with "--" are comments; every other line is one complete statement ending in ";".
-- probe (read-only): has_table("cluster")
-- probe (read-only): has_table("worker")
-- probe (read-only): has_table("worker_property")
-- probe (read-only): has_table("user")
-- probe (read-only): has_table("user_privilege")
-- probe (read-only): has_table("database")
-- probe (read-only): has_table("schema")
-- probe (read-only): has_table("streaming_job")
-- probe (read-only): has_table("fragment")
-- probe (read-only): has_table("actor")
-- probe (read-only): has_table("actor_dispatcher")
-- probe (read-only): has_table("table")
-- probe (read-only): has_table("source")
-- probe (read-only): has_table("sink")
-- probe (read-only): has_table("connection")
-- probe (read-only): has_table("view")
-- probe (read-only): has_table("index")
-- probe (read-only): has_table("function")
-- probe (read-only): has_table("object")
-- probe (read-only): has_table("object_dependency")
-- probe (read-only): has_table("system_parameter")
-- probe (read-only): has_table("catalog_version")
CREATE TABLE "cluster" ( "cluster_id" text(36) NOT NULL PRIMARY KEY, "created_at" text DEFAULT CURRENT_TIMESTAMP NOT NULL );
CREATE TABLE "worker" ( "worker_id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "worker_type" text NOT NULL, "host" text NOT NULL, "port" integer NOT NULL, "status" text NOT NULL, "transaction_id" integer );
CREATE TABLE "worker_property" ( "worker_id" integer PRIMARY KEY, "parallel_unit_ids" text NOT NULL, "is_streaming" boolean NOT NULL, "is_serving" boolean NOT NULL, "is_unschedulable" boolean NOT NULL, FOREIGN KEY ("worker_id") REFERENCES "worker" ("worker_id") ON DELETE CASCADE );
CREATE TABLE "user" ( "user_id" integer PRIMARY KEY AUTOINCREMENT, "name" text UNIQUE NOT NULL, "is_super" boolean NOT NULL, "can_create_db" boolean NOT NULL, "can_create_user" boolean NOT NULL, "can_login" boolean NOT NULL, "auth_info" blob );
CREATE TABLE "object" ( "oid" integer PRIMARY KEY AUTOINCREMENT, "obj_type" text NOT NULL, "owner_id" integer NOT NULL, "schema_id" integer, "database_id" integer, "initialized_at" text DEFAULT CURRENT_TIMESTAMP NOT NULL, "created_at" text DEFAULT CURRENT_TIMESTAMP NOT NULL, "initialized_at_cluster_version" text, "created_at_cluster_version" text, FOREIGN KEY ("owner_id") REFERENCES "user" ("user_id") ON DELETE CASCADE, FOREIGN KEY ("database_id") REFERENCES "object" ("oid") ON DELETE CASCADE, FOREIGN KEY ("schema_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "user_privilege" ( "id" integer PRIMARY KEY AUTOINCREMENT, "dependent_id" integer, "user_id" integer NOT NULL, "oid" integer NOT NULL, "granted_by" integer NOT NULL, "action" text NOT NULL, "with_grant_option" boolean NOT NULL, FOREIGN KEY ("dependent_id") REFERENCES "user_privilege" ("id") ON DELETE CASCADE, FOREIGN KEY ("user_id") REFERENCES "user" ("user_id") ON DELETE CASCADE, FOREIGN KEY ("granted_by") REFERENCES "user" ("user_id"), FOREIGN KEY ("oid") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "object_dependency" ( "id" integer PRIMARY KEY AUTOINCREMENT, "oid" integer NOT NULL, "used_by" integer NOT NULL, FOREIGN KEY ("oid") REFERENCES "object" ("oid") ON DELETE CASCADE, FOREIGN KEY ("used_by") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "database" ( "database_id" integer PRIMARY KEY, "name" text UNIQUE NOT NULL, FOREIGN KEY ("database_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "schema" ( "schema_id" integer PRIMARY KEY, "name" text NOT NULL, FOREIGN KEY ("schema_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "streaming_job" ( "job_id" integer PRIMARY KEY, "job_status" text NOT NULL, "create_type" text NOT NULL, "timezone" text, "parallelism" text NOT NULL, FOREIGN KEY ("job_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "fragment" ( "fragment_id" integer PRIMARY KEY AUTOINCREMENT, "job_id" integer NOT NULL, "fragment_type_mask" integer NOT NULL, "distribution_type" text NOT NULL, "stream_node" blob NOT NULL, "vnode_mapping" blob NOT NULL, "state_table_ids" text, "upstream_fragment_id" text, FOREIGN KEY ("job_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "actor" ( "actor_id" integer PRIMARY KEY AUTOINCREMENT, "fragment_id" integer NOT NULL, "status" text NOT NULL, "splits" blob, "parallel_unit_id" integer NOT NULL, "worker_id" integer NOT NULL, "upstream_actor_ids" text, "vnode_bitmap" blob, "expr_context" blob NOT NULL, FOREIGN KEY ("fragment_id") REFERENCES "fragment" ("fragment_id") ON DELETE CASCADE );
CREATE TABLE "actor_dispatcher" ( "id" integer PRIMARY KEY AUTOINCREMENT, "actor_id" integer NOT NULL, "dispatcher_type" text NOT NULL, "dist_key_indices" text NOT NULL, "output_indices" text NOT NULL, "hash_mapping" blob, "dispatcher_id" integer NOT NULL, "downstream_actor_ids" text NOT NULL, "downstream_table_name" text, FOREIGN KEY ("actor_id") REFERENCES "actor" ("actor_id") ON DELETE CASCADE, FOREIGN KEY ("dispatcher_id") REFERENCES "fragment" ("fragment_id") ON DELETE CASCADE );
CREATE TABLE "connection" ( "connection_id" integer PRIMARY KEY, "name" text NOT NULL, "info" blob NOT NULL, FOREIGN KEY ("connection_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "source" ( "source_id" integer PRIMARY KEY, "name" text NOT NULL, "row_id_index" integer, "columns" blob NOT NULL, "pk_column_ids" text NOT NULL, "with_properties" text NOT NULL, "definition" text NOT NULL, "source_info" blob, "watermark_descs" blob NOT NULL, "optional_associated_table_id" integer, "connection_id" integer, "version" bigint NOT NULL, FOREIGN KEY ("source_id") REFERENCES "object" ("oid") ON DELETE CASCADE, FOREIGN KEY ("connection_id") REFERENCES "connection" ("connection_id"), FOREIGN KEY ("optional_associated_table_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "table" ( "table_id" integer PRIMARY KEY, "name" text NOT NULL, "optional_associated_source_id" integer, "table_type" text NOT NULL, "belongs_to_job_id" integer, "columns" blob NOT NULL, "pk" blob NOT NULL, "distribution_key" text NOT NULL, "stream_key" text NOT NULL, "append_only" boolean NOT NULL, "fragment_id" integer, "vnode_col_index" integer, "row_id_index" integer, "value_indices" text NOT NULL, "definition" text NOT NULL, "handle_pk_conflict_behavior" text NOT NULL, "read_prefix_len_hint" integer NOT NULL, "watermark_indices" text NOT NULL, "dist_key_in_pk" text NOT NULL, "dml_fragment_id" integer, "cardinality" blob, "cleaned_by_watermark" boolean NOT NULL, "description" text, "version" blob, "retention_seconds" integer, "incoming_sinks" text NOT NULL, FOREIGN KEY ("table_id") REFERENCES "object" ("oid") ON DELETE CASCADE, FOREIGN KEY ("belongs_to_job_id") REFERENCES "object" ("oid") ON DELETE CASCADE, FOREIGN KEY ("fragment_id") REFERENCES "fragment" ("fragment_id") ON DELETE CASCADE, FOREIGN KEY ("dml_fragment_id") REFERENCES "fragment" ("fragment_id"), FOREIGN KEY ("optional_associated_source_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "sink" ( "sink_id" integer PRIMARY KEY, "name" text NOT NULL, "columns" blob NOT NULL, "plan_pk" blob NOT NULL, "distribution_key" text NOT NULL, "downstream_pk" text NOT NULL, "sink_type" text NOT NULL, "properties" text NOT NULL, "definition" text NOT NULL, "connection_id" integer, "db_name" text NOT NULL, "sink_from_name" text NOT NULL, "sink_format_desc" blob, "target_table" integer, FOREIGN KEY ("sink_id") REFERENCES "object" ("oid") ON DELETE CASCADE, FOREIGN KEY ("connection_id") REFERENCES "connection" ("connection_id"), FOREIGN KEY ("target_table") REFERENCES "table" ("table_id") );
CREATE TABLE "view" ( "view_id" integer PRIMARY KEY, "name" text NOT NULL, "properties" text NOT NULL, "definition" text NOT NULL, "columns" blob NOT NULL, FOREIGN KEY ("view_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "index" ( "index_id" integer PRIMARY KEY, "name" text NOT NULL, "index_table_id" integer NOT NULL, "primary_table_id" integer NOT NULL, "index_items" blob NOT NULL, "index_columns_len" integer NOT NULL, FOREIGN KEY ("index_id") REFERENCES "object" ("oid") ON DELETE CASCADE, FOREIGN KEY ("index_table_id") REFERENCES "table" ("table_id") ON DELETE CASCADE, FOREIGN KEY ("primary_table_id") REFERENCES "table" ("table_id") ON DELETE CASCADE );
CREATE TABLE "function" ( "function_id" integer PRIMARY KEY, "name" text NOT NULL, "arg_names" text NOT NULL, "arg_types" blob NOT NULL, "return_type" blob NOT NULL, "language" text NOT NULL, "link" text, "identifier" text, "body" text, "compressed_binary" text, "kind" text NOT NULL, "always_retry_on_network_error" boolean NOT NULL, FOREIGN KEY ("function_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "system_parameter" ( "name" text NOT NULL PRIMARY KEY, "value" text NOT NULL, "is_mutable" boolean NOT NULL, "description" text );
CREATE TABLE "catalog_version" ( "name" text NOT NULL PRIMARY KEY, "version" bigint NOT NULL );
CREATE UNIQUE INDEX "idx_worker_host_port" ON "worker" ("host", "port");
CREATE UNIQUE INDEX "idx_user_privilege_item" ON "user_privilege" ("user_id", "oid", "action", "granted_by");
-- The real statement binds uuid::Uuid::new_v4() (random) as a parameter; sqlx binds uuid::Uuid as a 16-byte BLOB on SQLite (the column is declared text(36)).
-- Placeholder: the nil UUID. A migrator must replace it (RisingWave's own risectl migration
-- UPDATEs cluster.cluster_id to the etcd cluster id right after Migrator::up).
INSERT INTO "cluster" ("cluster_id") VALUES (X'00000000000000000000000000000000');
INSERT INTO "user" ("user_id", "name", "is_super", "can_create_user", "can_create_db", "can_login") VALUES (1, 'root', TRUE, TRUE, TRUE, TRUE), (2, 'postgres', TRUE, TRUE, TRUE, TRUE);
INSERT INTO "object" ("oid", "obj_type", "owner_id", "database_id") VALUES (1, 'DATABASE', 1, NULL), (2, 'SCHEMA', 1, 1), (3, 'SCHEMA', 1, 1), (4, 'SCHEMA', 1, 1), (5, 'SCHEMA', 1, 1);
INSERT INTO "database" ("database_id", "name") VALUES (1, 'dev');
INSERT INTO "schema" ("schema_id", "name") VALUES (2, 'public'), (3, 'pg_catalog'), (4, 'information_schema'), (5, 'rw_catalog');
