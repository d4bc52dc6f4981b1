-- RisingWave v2.0.7 meta-store migration m20240702_084927_unnecessary_fk (mysql).
-- Generated: the migration's up() run against a recording SchemaManager, each statement rendered by
-- sea-query 0.30.7 exactly as sea-orm-migration 0.12.14 would send it. See docs/sql-schema.md.
-- Format: lines starting with "--" are comments; every other line is one complete statement ending in ";".
ALTER TABLE `sink` DROP FOREIGN KEY `FK_sink_connection_id`, DROP FOREIGN KEY `FK_sink_target_table_id`;
ALTER TABLE `source` DROP FOREIGN KEY `FK_source_connection_id`;
