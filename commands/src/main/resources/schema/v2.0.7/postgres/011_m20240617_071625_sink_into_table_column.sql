-- RisingWave v2.0.7 meta-store migration m20240617_071625_sink_into_table_column (postgres).
-- Generated: the migration's up() run against a recording SchemaManager, each statement rendered by
-- sea-query 0.30.7 exactly as sea-orm-migration 0.12.14 would send it. See docs/sql-schema.md.
-- Format: lines starting with "--" are comments; every other line is one complete statement ending in ";".
ALTER TABLE "sink" ADD COLUMN "original_target_columns" bytea;
UPDATE "sink" SET "original_target_columns" = (SELECT "table"."columns" FROM "table" WHERE "table"."table_id" = "sink"."target_table") WHERE "sink"."target_table" IS NOT NULL;
