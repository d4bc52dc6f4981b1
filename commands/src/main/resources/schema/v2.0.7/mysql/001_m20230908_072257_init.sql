-- RisingWave v2.0.7 meta-store migration m20230908_072257_init (mysql).
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
ALTER DATABASE COLLATE utf8_bin;
CREATE TABLE `cluster` ( `cluster_id` binary(16) NOT NULL PRIMARY KEY, `created_at` datetime DEFAULT CURRENT_TIMESTAMP NOT NULL );
CREATE TABLE `worker` ( `worker_id` int NOT NULL AUTO_INCREMENT PRIMARY KEY, `worker_type` varchar(255) NOT NULL, `host` varchar(255) NOT NULL, `port` int NOT NULL, `status` varchar(255) NOT NULL, `transaction_id` int );
CREATE TABLE `worker_property` ( `worker_id` int PRIMARY KEY, `parallel_unit_ids` json NOT NULL, `is_streaming` bool NOT NULL, `is_serving` bool NOT NULL, `is_unschedulable` bool NOT NULL, CONSTRAINT `FK_worker_property_worker_id` FOREIGN KEY (`worker_id`) REFERENCES `worker` (`worker_id`) ON DELETE CASCADE );
CREATE TABLE `user` ( `user_id` int PRIMARY KEY AUTO_INCREMENT, `name` varchar(255) UNIQUE NOT NULL, `is_super` bool NOT NULL, `can_create_db` bool NOT NULL, `can_create_user` bool NOT NULL, `can_login` bool NOT NULL, `auth_info` blob );
CREATE TABLE `object` ( `oid` int AUTO_INCREMENT PRIMARY KEY, `obj_type` varchar(255) NOT NULL, `owner_id` int NOT NULL, `schema_id` int, `database_id` int, `initialized_at` datetime DEFAULT CURRENT_TIMESTAMP NOT NULL, `created_at` datetime DEFAULT CURRENT_TIMESTAMP NOT NULL, `initialized_at_cluster_version` varchar(255), `created_at_cluster_version` varchar(255), CONSTRAINT `FK_object_owner_id` FOREIGN KEY (`owner_id`) REFERENCES `user` (`user_id`) ON DELETE CASCADE, CONSTRAINT `FK_object_database_id` FOREIGN KEY (`database_id`) REFERENCES `object` (`oid`) ON DELETE CASCADE, CONSTRAINT `FK_object_schema_id` FOREIGN KEY (`schema_id`) REFERENCES `object` (`oid`) ON DELETE CASCADE );
CREATE TABLE `user_privilege` ( `id` int PRIMARY KEY AUTO_INCREMENT, `dependent_id` int, `user_id` int NOT NULL, `oid` int NOT NULL, `granted_by` int NOT NULL, `action` varchar(255) NOT NULL, `with_grant_option` bool NOT NULL, CONSTRAINT `FK_user_privilege_dependent_id` FOREIGN KEY (`dependent_id`) REFERENCES `user_privilege` (`id`) ON DELETE CASCADE, CONSTRAINT `FK_user_privilege_user_id` FOREIGN KEY (`user_id`) REFERENCES `user` (`user_id`) ON DELETE CASCADE, CONSTRAINT `FK_user_privilege_granted_by` FOREIGN KEY (`granted_by`) REFERENCES `user` (`user_id`), CONSTRAINT `FK_user_privilege_oid` FOREIGN KEY (`oid`) REFERENCES `object` (`oid`) ON DELETE CASCADE );
CREATE TABLE `object_dependency` ( `id` int AUTO_INCREMENT PRIMARY KEY, `oid` int NOT NULL, `used_by` int NOT NULL, CONSTRAINT `FK_object_dependency_oid` FOREIGN KEY (`oid`) REFERENCES `object` (`oid`) ON DELETE CASCADE, CONSTRAINT `FK_object_dependency_used_by` FOREIGN KEY (`used_by`) REFERENCES `object` (`oid`) ON DELETE CASCADE );
CREATE TABLE `database` ( `database_id` int PRIMARY KEY, `name` varchar(255) UNIQUE NOT NULL, CONSTRAINT `FK_database_object_id` FOREIGN KEY (`database_id`) REFERENCES `object` (`oid`) ON DELETE CASCADE );
CREATE TABLE `schema` ( `schema_id` int PRIMARY KEY, `name` varchar(255) NOT NULL, CONSTRAINT `FK_schema_object_id` FOREIGN KEY (`schema_id`) REFERENCES `object` (`oid`) ON DELETE CASCADE );
CREATE TABLE `streaming_job` ( `job_id` int PRIMARY KEY, `job_status` varchar(255) NOT NULL, `create_type` varchar(255) NOT NULL, `timezone` varchar(255), `parallelism` json NOT NULL, CONSTRAINT `FK_streaming_job_object_id` FOREIGN KEY (`job_id`) REFERENCES `object` (`oid`) ON DELETE CASCADE );
CREATE TABLE `fragment` ( `fragment_id` int PRIMARY KEY AUTO_INCREMENT, `job_id` int NOT NULL, `fragment_type_mask` int NOT NULL, `distribution_type` varchar(255) NOT NULL, `stream_node` longblob NOT NULL, `vnode_mapping` blob NOT NULL, `state_table_ids` json, `upstream_fragment_id` json, CONSTRAINT `FK_fragment_table_id` FOREIGN KEY (`job_id`) REFERENCES `object` (`oid`) ON DELETE CASCADE );
CREATE TABLE `actor` ( `actor_id` int PRIMARY KEY AUTO_INCREMENT, `fragment_id` int NOT NULL, `status` varchar(255) NOT NULL, `splits` blob, `parallel_unit_id` int NOT NULL, `worker_id` int NOT NULL, `upstream_actor_ids` json, `vnode_bitmap` blob, `expr_context` blob NOT NULL, CONSTRAINT `FK_actor_fragment_id` FOREIGN KEY (`fragment_id`) REFERENCES `fragment` (`fragment_id`) ON DELETE CASCADE );
CREATE TABLE `actor_dispatcher` ( `id` int PRIMARY KEY AUTO_INCREMENT, `actor_id` int NOT NULL, `dispatcher_type` varchar(255) NOT NULL, `dist_key_indices` json NOT NULL, `output_indices` json NOT NULL, `hash_mapping` blob, `dispatcher_id` int NOT NULL, `downstream_actor_ids` json NOT NULL, `downstream_table_name` varchar(255), CONSTRAINT `FK_actor_dispatcher_actor_id` FOREIGN KEY (`actor_id`) REFERENCES `actor` (`actor_id`) ON DELETE CASCADE, CONSTRAINT `FK_actor_dispatcher_dispatcher_id` FOREIGN KEY (`dispatcher_id`) REFERENCES `fragment` (`fragment_id`) ON DELETE CASCADE );
CREATE TABLE `connection` ( `connection_id` int PRIMARY KEY, `name` varchar(255) NOT NULL, `info` blob NOT NULL, CONSTRAINT `FK_connection_object_id` FOREIGN KEY (`connection_id`) REFERENCES `object` (`oid`) ON DELETE CASCADE );
CREATE TABLE `source` ( `source_id` int PRIMARY KEY, `name` varchar(255) NOT NULL, `row_id_index` int, `columns` blob NOT NULL, `pk_column_ids` json NOT NULL, `with_properties` json NOT NULL, `definition` text NOT NULL, `source_info` blob, `watermark_descs` blob NOT NULL, `optional_associated_table_id` int, `connection_id` int, `version` bigint NOT NULL, CONSTRAINT `FK_source_object_id` FOREIGN KEY (`source_id`) REFERENCES `object` (`oid`) ON DELETE CASCADE, CONSTRAINT `FK_source_connection_id` FOREIGN KEY (`connection_id`) REFERENCES `connection` (`connection_id`), CONSTRAINT `FK_source_optional_associated_table_id` FOREIGN KEY (`optional_associated_table_id`) REFERENCES `object` (`oid`) ON DELETE CASCADE );
CREATE TABLE `table` ( `table_id` int PRIMARY KEY, `name` varchar(255) NOT NULL, `optional_associated_source_id` int, `table_type` varchar(255) NOT NULL, `belongs_to_job_id` int, `columns` blob NOT NULL, `pk` blob NOT NULL, `distribution_key` json NOT NULL, `stream_key` json NOT NULL, `append_only` bool NOT NULL, `fragment_id` int, `vnode_col_index` int, `row_id_index` int, `value_indices` json NOT NULL, `definition` text NOT NULL, `handle_pk_conflict_behavior` varchar(255) NOT NULL, `read_prefix_len_hint` int NOT NULL, `watermark_indices` json NOT NULL, `dist_key_in_pk` json NOT NULL, `dml_fragment_id` int, `cardinality` blob, `cleaned_by_watermark` bool NOT NULL, `description` varchar(255), `version` blob, `retention_seconds` int, `incoming_sinks` json NOT NULL, CONSTRAINT `FK_table_object_id` FOREIGN KEY (`table_id`) REFERENCES `object` (`oid`) ON DELETE CASCADE, CONSTRAINT `FK_table_belongs_to_job_id` FOREIGN KEY (`belongs_to_job_id`) REFERENCES `object` (`oid`) ON DELETE CASCADE, CONSTRAINT `FK_table_fragment_id` FOREIGN KEY (`fragment_id`) REFERENCES `fragment` (`fragment_id`) ON DELETE CASCADE, CONSTRAINT `FK_table_dml_fragment_id` FOREIGN KEY (`dml_fragment_id`) REFERENCES `fragment` (`fragment_id`), CONSTRAINT `FK_table_optional_associated_source_id` FOREIGN KEY (`optional_associated_source_id`) REFERENCES `object` (`oid`) ON DELETE CASCADE );
CREATE TABLE `sink` ( `sink_id` int PRIMARY KEY, `name` varchar(255) NOT NULL, `columns` blob NOT NULL, `plan_pk` blob NOT NULL, `distribution_key` json NOT NULL, `downstream_pk` json NOT NULL, `sink_type` varchar(255) NOT NULL, `properties` json NOT NULL, `definition` text NOT NULL, `connection_id` int, `db_name` varchar(255) NOT NULL, `sink_from_name` varchar(255) NOT NULL, `sink_format_desc` blob, `target_table` int, CONSTRAINT `FK_sink_object_id` FOREIGN KEY (`sink_id`) REFERENCES `object` (`oid`) ON DELETE CASCADE, CONSTRAINT `FK_sink_connection_id` FOREIGN KEY (`connection_id`) REFERENCES `connection` (`connection_id`), CONSTRAINT `FK_sink_target_table_id` FOREIGN KEY (`target_table`) REFERENCES `table` (`table_id`) );
CREATE TABLE `view` ( `view_id` int PRIMARY KEY, `name` varchar(255) NOT NULL, `properties` json NOT NULL, `definition` text NOT NULL, `columns` blob NOT NULL, CONSTRAINT `FK_view_object_id` FOREIGN KEY (`view_id`) REFERENCES `object` (`oid`) ON DELETE CASCADE );
CREATE TABLE `index` ( `index_id` int PRIMARY KEY, `name` varchar(255) NOT NULL, `index_table_id` int NOT NULL, `primary_table_id` int NOT NULL, `index_items` blob NOT NULL, `index_columns_len` int NOT NULL, CONSTRAINT `FK_index_object_id` FOREIGN KEY (`index_id`) REFERENCES `object` (`oid`) ON DELETE CASCADE, CONSTRAINT `FK_index_index_table_id` FOREIGN KEY (`index_table_id`) REFERENCES `table` (`table_id`) ON DELETE CASCADE, CONSTRAINT `FK_index_primary_table_id` FOREIGN KEY (`primary_table_id`) REFERENCES `table` (`table_id`) ON DELETE CASCADE );
CREATE TABLE `function` ( `function_id` int PRIMARY KEY, `name` varchar(255) NOT NULL, `arg_names` varchar(255) NOT NULL, `arg_types` blob NOT NULL, `return_type` blob NOT NULL, `language` varchar(255) NOT NULL, `link` varchar(255), `identifier` varchar(255), `body` varchar(255), `compressed_binary` varchar(255), `kind` varchar(255) NOT NULL, `always_retry_on_network_error` bool NOT NULL, CONSTRAINT `FK_function_object_id` FOREIGN KEY (`function_id`) REFERENCES `object` (`oid`) ON DELETE CASCADE );
CREATE TABLE `system_parameter` ( `name` varchar(255) PRIMARY KEY NOT NULL, `value` varchar(255) NOT NULL, `is_mutable` bool NOT NULL, `description` varchar(255) );
CREATE TABLE `catalog_version` ( `name` varchar(255) NOT NULL PRIMARY KEY, `version` bigint NOT NULL );
CREATE UNIQUE INDEX `idx_worker_host_port` ON `worker` (`host`, `port`);
CREATE UNIQUE INDEX `idx_user_privilege_item` ON `user_privilege` (`user_id`, `oid`, `action`, `granted_by`);
-- The real statement binds uuid::Uuid::new_v4() (random) as a parameter; sqlx binds uuid::Uuid as 16 raw bytes on MySQL (binary(16)).
-- Placeholder: the nil UUID. A migrator must replace it (RisingWave's own risectl migration
-- UPDATEs cluster.cluster_id to the etcd cluster id right after Migrator::up).
INSERT INTO `cluster` (`cluster_id`) VALUES (X'00000000000000000000000000000000');
INSERT INTO `user` (`user_id`, `name`, `is_super`, `can_create_user`, `can_create_db`, `can_login`) VALUES (1, 'root', TRUE, TRUE, TRUE, TRUE), (2, 'postgres', TRUE, TRUE, TRUE, TRUE);
INSERT INTO `object` (`oid`, `obj_type`, `owner_id`, `database_id`) VALUES (1, 'DATABASE', 1, NULL), (2, 'SCHEMA', 1, 1), (3, 'SCHEMA', 1, 1), (4, 'SCHEMA', 1, 1), (5, 'SCHEMA', 1, 1);
INSERT INTO `database` (`database_id`, `name`) VALUES (1, 'dev');
INSERT INTO `schema` (`schema_id`, `name`) VALUES (2, 'public'), (3, 'pg_catalog'), (4, 'information_schema'), (5, 'rw_catalog');
ALTER TABLE object AUTO_INCREMENT = 6;
ALTER TABLE user AUTO_INCREMENT = 3;
