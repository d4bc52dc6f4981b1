-- RisingWave v2.0.7 meta-store migration m20240726_063833_auto_schema_change (postgres).
-- Generated: the migration's up() run against a recording SchemaManager, each statement rendered by
-- sea-query 0.30.7 exactly as sea-orm-migration 0.12.14 would send it. See docs/sql-schema.md.
-- Format: lines starting with "--" are comments; every other line is one complete statement ending in ";".
ALTER TABLE "table" ADD COLUMN "cdc_table_id" varchar;
ALTER TABLE "worker_property" ADD COLUMN "internal_rpc_host_addr" varchar;
