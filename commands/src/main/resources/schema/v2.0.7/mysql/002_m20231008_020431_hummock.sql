-- RisingWave v2.0.7 meta-store migration m20231008_020431_hummock (mysql).
-- Generated: the migration's up() run against a recording SchemaManager, each statement rendered by
-- sea-query 0.30.7 exactly as sea-orm-migration 0.12.14 would send it. See docs/sql-schema.md.
-- Format: lines starting with "--" are comments; every other line is one complete statement ending in ";".
-- probe (read-only): has_table("compaction_task")
-- probe (read-only): has_table("compaction_config")
-- probe (read-only): has_table("compaction_status")
-- probe (read-only): has_table("hummock_pinned_version")
-- probe (read-only): has_table("hummock_pinned_snapshot")
-- probe (read-only): has_table("hummock_version_delta")
-- probe (read-only): has_table("hummock_version_stats")
-- probe (read-only): has_table("hummock_sequence")
CREATE TABLE `compaction_task` ( `id` bigint NOT NULL PRIMARY KEY, `task` longblob NOT NULL, `context_id` int NOT NULL );
CREATE TABLE `compaction_config` ( `compaction_group_id` bigint NOT NULL PRIMARY KEY, `config` longblob );
CREATE TABLE `compaction_status` ( `compaction_group_id` bigint NOT NULL PRIMARY KEY, `status` longblob );
CREATE TABLE `hummock_pinned_version` ( `context_id` int NOT NULL PRIMARY KEY, `min_pinned_id` bigint NOT NULL );
CREATE TABLE `hummock_pinned_snapshot` ( `context_id` int NOT NULL PRIMARY KEY, `min_pinned_snapshot` bigint NOT NULL );
CREATE TABLE `hummock_version_delta` ( `id` bigint NOT NULL PRIMARY KEY, `prev_id` bigint NOT NULL, `max_committed_epoch` bigint NOT NULL, `safe_epoch` bigint NOT NULL, `trivial_move` bool NOT NULL, `full_version_delta` longblob );
CREATE TABLE `hummock_version_stats` ( `id` bigint NOT NULL PRIMARY KEY, `stats` json NOT NULL );
CREATE TABLE `hummock_sequence` ( `name` varchar(255) NOT NULL PRIMARY KEY, `seq` bigint NOT NULL );
