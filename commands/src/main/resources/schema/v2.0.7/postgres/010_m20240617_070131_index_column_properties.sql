-- RisingWave v2.0.7 meta-store migration m20240617_070131_index_column_properties (postgres).
-- Generated: the migration's up() run against a recording SchemaManager, each statement rendered by
-- sea-query 0.30.7 exactly as sea-orm-migration 0.12.14 would send it. See docs/sql-schema.md.
-- Format: lines starting with "--" are comments; every other line is one complete statement ending in ";".
ALTER TABLE "index" ADD COLUMN "index_column_properties" bytea;
