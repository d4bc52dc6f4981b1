-- RisingWave v2.0.7 meta-store migration m20230908_072257_init (postgres).
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
CREATE TABLE "cluster" ( "cluster_id" uuid NOT NULL PRIMARY KEY, "created_at" timestamp without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL );
CREATE TABLE "worker" ( "worker_id" serial NOT NULL PRIMARY KEY, "worker_type" varchar NOT NULL, "host" varchar NOT NULL, "port" integer NOT NULL, "status" varchar NOT NULL, "transaction_id" integer );
CREATE TABLE "worker_property" ( "worker_id" integer PRIMARY KEY, "parallel_unit_ids" jsonb NOT NULL, "is_streaming" bool NOT NULL, "is_serving" bool NOT NULL, "is_unschedulable" bool NOT NULL, CONSTRAINT "FK_worker_property_worker_id" FOREIGN KEY ("worker_id") REFERENCES "worker" ("worker_id") ON DELETE CASCADE );
CREATE TABLE "user" ( "user_id" serial PRIMARY KEY, "name" varchar UNIQUE NOT NULL, "is_super" bool NOT NULL, "can_create_db" bool NOT NULL, "can_create_user" bool NOT NULL, "can_login" bool NOT NULL, "auth_info" bytea );
CREATE TABLE "object" ( "oid" serial PRIMARY KEY, "obj_type" varchar NOT NULL, "owner_id" integer NOT NULL, "schema_id" integer, "database_id" integer, "initialized_at" timestamp without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL, "created_at" timestamp without time zone DEFAULT CURRENT_TIMESTAMP NOT NULL, "initialized_at_cluster_version" varchar, "created_at_cluster_version" varchar, CONSTRAINT "FK_object_owner_id" FOREIGN KEY ("owner_id") REFERENCES "user" ("user_id") ON DELETE CASCADE, CONSTRAINT "FK_object_database_id" FOREIGN KEY ("database_id") REFERENCES "object" ("oid") ON DELETE CASCADE, CONSTRAINT "FK_object_schema_id" FOREIGN KEY ("schema_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "user_privilege" ( "id" serial PRIMARY KEY, "dependent_id" integer, "user_id" integer NOT NULL, "oid" integer NOT NULL, "granted_by" integer NOT NULL, "action" varchar NOT NULL, "with_grant_option" bool NOT NULL, CONSTRAINT "FK_user_privilege_dependent_id" FOREIGN KEY ("dependent_id") REFERENCES "user_privilege" ("id") ON DELETE CASCADE, CONSTRAINT "FK_user_privilege_user_id" FOREIGN KEY ("user_id") REFERENCES "user" ("user_id") ON DELETE CASCADE, CONSTRAINT "FK_user_privilege_granted_by" FOREIGN KEY ("granted_by") REFERENCES "user" ("user_id"), CONSTRAINT "FK_user_privilege_oid" FOREIGN KEY ("oid") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "object_dependency" ( "id" serial PRIMARY KEY, "oid" integer NOT NULL, "used_by" integer NOT NULL, CONSTRAINT "FK_object_dependency_oid" FOREIGN KEY ("oid") REFERENCES "object" ("oid") ON DELETE CASCADE, CONSTRAINT "FK_object_dependency_used_by" FOREIGN KEY ("used_by") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "database" ( "database_id" integer PRIMARY KEY, "name" varchar UNIQUE NOT NULL, CONSTRAINT "FK_database_object_id" FOREIGN KEY ("database_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "schema" ( "schema_id" integer PRIMARY KEY, "name" varchar NOT NULL, CONSTRAINT "FK_schema_object_id" FOREIGN KEY ("schema_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "streaming_job" ( "job_id" integer PRIMARY KEY, "job_status" varchar NOT NULL, "create_type" varchar NOT NULL, "timezone" varchar, "parallelism" jsonb NOT NULL, CONSTRAINT "FK_streaming_job_object_id" FOREIGN KEY ("job_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "fragment" ( "fragment_id" serial PRIMARY KEY, "job_id" integer NOT NULL, "fragment_type_mask" integer NOT NULL, "distribution_type" varchar NOT NULL, "stream_node" bytea NOT NULL, "vnode_mapping" bytea NOT NULL, "state_table_ids" jsonb, "upstream_fragment_id" jsonb, CONSTRAINT "FK_fragment_table_id" FOREIGN KEY ("job_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "actor" ( "actor_id" serial PRIMARY KEY, "fragment_id" integer NOT NULL, "status" varchar NOT NULL, "splits" bytea, "parallel_unit_id" integer NOT NULL, "worker_id" integer NOT NULL, "upstream_actor_ids" jsonb, "vnode_bitmap" bytea, "expr_context" bytea NOT NULL, CONSTRAINT "FK_actor_fragment_id" FOREIGN KEY ("fragment_id") REFERENCES "fragment" ("fragment_id") ON DELETE CASCADE );
CREATE TABLE "actor_dispatcher" ( "id" serial PRIMARY KEY, "actor_id" integer NOT NULL, "dispatcher_type" varchar NOT NULL, "dist_key_indices" jsonb NOT NULL, "output_indices" jsonb NOT NULL, "hash_mapping" bytea, "dispatcher_id" integer NOT NULL, "downstream_actor_ids" jsonb NOT NULL, "downstream_table_name" varchar, CONSTRAINT "FK_actor_dispatcher_actor_id" FOREIGN KEY ("actor_id") REFERENCES "actor" ("actor_id") ON DELETE CASCADE, CONSTRAINT "FK_actor_dispatcher_dispatcher_id" FOREIGN KEY ("dispatcher_id") REFERENCES "fragment" ("fragment_id") ON DELETE CASCADE );
CREATE TABLE "connection" ( "connection_id" integer PRIMARY KEY, "name" varchar NOT NULL, "info" bytea NOT NULL, CONSTRAINT "FK_connection_object_id" FOREIGN KEY ("connection_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "source" ( "source_id" integer PRIMARY KEY, "name" varchar NOT NULL, "row_id_index" integer, "columns" bytea NOT NULL, "pk_column_ids" jsonb NOT NULL, "with_properties" jsonb NOT NULL, "definition" text NOT NULL, "source_info" bytea, "watermark_descs" bytea NOT NULL, "optional_associated_table_id" integer, "connection_id" integer, "version" bigint NOT NULL, CONSTRAINT "FK_source_object_id" FOREIGN KEY ("source_id") REFERENCES "object" ("oid") ON DELETE CASCADE, CONSTRAINT "FK_source_connection_id" FOREIGN KEY ("connection_id") REFERENCES "connection" ("connection_id"), CONSTRAINT "FK_source_optional_associated_table_id" FOREIGN KEY ("optional_associated_table_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "table" ( "table_id" integer PRIMARY KEY, "name" varchar NOT NULL, "optional_associated_source_id" integer, "table_type" varchar NOT NULL, "belongs_to_job_id" integer, "columns" bytea NOT NULL, "pk" bytea NOT NULL, "distribution_key" jsonb NOT NULL, "stream_key" jsonb NOT NULL, "append_only" bool NOT NULL, "fragment_id" integer, "vnode_col_index" integer, "row_id_index" integer, "value_indices" jsonb NOT NULL, "definition" text NOT NULL, "handle_pk_conflict_behavior" varchar NOT NULL, "read_prefix_len_hint" integer NOT NULL, "watermark_indices" jsonb NOT NULL, "dist_key_in_pk" jsonb NOT NULL, "dml_fragment_id" integer, "cardinality" bytea, "cleaned_by_watermark" bool NOT NULL, "description" varchar, "version" bytea, "retention_seconds" integer, "incoming_sinks" jsonb NOT NULL, CONSTRAINT "FK_table_object_id" FOREIGN KEY ("table_id") REFERENCES "object" ("oid") ON DELETE CASCADE, CONSTRAINT "FK_table_belongs_to_job_id" FOREIGN KEY ("belongs_to_job_id") REFERENCES "object" ("oid") ON DELETE CASCADE, CONSTRAINT "FK_table_fragment_id" FOREIGN KEY ("fragment_id") REFERENCES "fragment" ("fragment_id") ON DELETE CASCADE, CONSTRAINT "FK_table_dml_fragment_id" FOREIGN KEY ("dml_fragment_id") REFERENCES "fragment" ("fragment_id"), CONSTRAINT "FK_table_optional_associated_source_id" FOREIGN KEY ("optional_associated_source_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "sink" ( "sink_id" integer PRIMARY KEY, "name" varchar NOT NULL, "columns" bytea NOT NULL, "plan_pk" bytea NOT NULL, "distribution_key" jsonb NOT NULL, "downstream_pk" jsonb NOT NULL, "sink_type" varchar NOT NULL, "properties" jsonb NOT NULL, "definition" text NOT NULL, "connection_id" integer, "db_name" varchar NOT NULL, "sink_from_name" varchar NOT NULL, "sink_format_desc" bytea, "target_table" integer, CONSTRAINT "FK_sink_object_id" FOREIGN KEY ("sink_id") REFERENCES "object" ("oid") ON DELETE CASCADE, CONSTRAINT "FK_sink_connection_id" FOREIGN KEY ("connection_id") REFERENCES "connection" ("connection_id"), CONSTRAINT "FK_sink_target_table_id" FOREIGN KEY ("target_table") REFERENCES "table" ("table_id") );
CREATE TABLE "view" ( "view_id" integer PRIMARY KEY, "name" varchar NOT NULL, "properties" jsonb NOT NULL, "definition" text NOT NULL, "columns" bytea NOT NULL, CONSTRAINT "FK_view_object_id" FOREIGN KEY ("view_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "index" ( "index_id" integer PRIMARY KEY, "name" varchar NOT NULL, "index_table_id" integer NOT NULL, "primary_table_id" integer NOT NULL, "index_items" bytea NOT NULL, "index_columns_len" integer NOT NULL, CONSTRAINT "FK_index_object_id" FOREIGN KEY ("index_id") REFERENCES "object" ("oid") ON DELETE CASCADE, CONSTRAINT "FK_index_index_table_id" FOREIGN KEY ("index_table_id") REFERENCES "table" ("table_id") ON DELETE CASCADE, CONSTRAINT "FK_index_primary_table_id" FOREIGN KEY ("primary_table_id") REFERENCES "table" ("table_id") ON DELETE CASCADE );
CREATE TABLE "function" ( "function_id" integer PRIMARY KEY, "name" varchar NOT NULL, "arg_names" varchar NOT NULL, "arg_types" bytea NOT NULL, "return_type" bytea NOT NULL, "language" varchar NOT NULL, "link" varchar, "identifier" varchar, "body" varchar, "compressed_binary" varchar, "kind" varchar NOT NULL, "always_retry_on_network_error" bool NOT NULL, CONSTRAINT "FK_function_object_id" FOREIGN KEY ("function_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
CREATE TABLE "system_parameter" ( "name" varchar PRIMARY KEY NOT NULL, "value" varchar NOT NULL, "is_mutable" bool NOT NULL, "description" varchar );
CREATE TABLE "catalog_version" ( "name" varchar NOT NULL PRIMARY KEY, "version" bigint NOT NULL );
CREATE UNIQUE INDEX "idx_worker_host_port" ON "worker" ("host", "port");
CREATE UNIQUE INDEX "idx_user_privilege_item" ON "user_privilege" ("user_id", "oid", "action", "granted_by");
-- The real statement binds uuid::Uuid::new_v4() (random) as a parameter; sqlx binds uuid::Uuid as a native uuid on PostgreSQL.
-- Placeholder: the nil UUID. A migrator must replace it (RisingWave's own risectl migration
-- UPDATEs cluster.cluster_id to the etcd cluster id right after Migrator::up).
INSERT INTO "cluster" ("cluster_id") VALUES ('00000000-0000-0000-0000-000000000000');
INSERT INTO "user" ("user_id", "name", "is_super", "can_create_user", "can_create_db", "can_login") VALUES (1, 'root', TRUE, TRUE, TRUE, TRUE), (2, 'postgres', TRUE, TRUE, TRUE, TRUE);
INSERT INTO "object" ("oid", "obj_type", "owner_id", "database_id") VALUES (1, 'DATABASE', 1, NULL), (2, 'SCHEMA', 1, 1), (3, 'SCHEMA', 1, 1), (4, 'SCHEMA', 1, 1), (5, 'SCHEMA', 1, 1);
INSERT INTO "database" ("database_id", "name") VALUES (1, 'dev');
INSERT INTO "schema" ("schema_id", "name") VALUES (2, 'public'), (3, 'pg_catalog'), (4, 'information_schema'), (5, 'rw_catalog');
SELECT setval('object_oid_seq', 5);
SELECT setval('user_user_id_seq', 2);
