-- RisingWave v2.0.7 meta-store migration m20240418_142249_function_runtime (postgres).
-- Generated: the migration's up() run against a recording SchemaManager, each statement rendered by
-- sea-query 0.30.7 exactly as sea-orm-migration 0.12.14 would send it. See docs/sql-schema.md.
-- Format: lines starting with "--" are comments; every other line is one complete statement ending in ";".
-- probe (read-only): has_table("function")
ALTER TABLE "function" ADD COLUMN "runtime" varchar;
ALTER TABLE "function" ADD COLUMN "function_type" varchar;
