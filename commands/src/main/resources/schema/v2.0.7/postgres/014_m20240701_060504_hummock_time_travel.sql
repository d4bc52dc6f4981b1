-- RisingWave v2.0.7 meta-store migration m20240701_060504_hummock_time_travel (postgres).
-- Generated: the migration's up() run against a recording SchemaManager, each statement rendered by
-- sea-query 0.30.7 exactly as sea-orm-migration 0.12.14 would send it. See docs/sql-schema.md.
-- Format: lines starting with "--" are comments; every other line is one complete statement ending in ";".
CREATE TABLE IF NOT EXISTS "hummock_sstable_info" ( "sst_id" bigint NOT NULL PRIMARY KEY, "object_id" bigint NOT NULL, "sstable_info" bytea NULL );
CREATE TABLE IF NOT EXISTS "hummock_time_travel_version" ( "version_id" bigint NOT NULL PRIMARY KEY, "version" bytea NULL );
CREATE TABLE IF NOT EXISTS "hummock_time_travel_delta" ( "version_id" bigint NOT NULL PRIMARY KEY, "version_delta" bytea NULL );
CREATE TABLE IF NOT EXISTS "hummock_epoch_to_version" ( "epoch" bigint NOT NULL PRIMARY KEY, "version_id" bigint NOT NULL );
