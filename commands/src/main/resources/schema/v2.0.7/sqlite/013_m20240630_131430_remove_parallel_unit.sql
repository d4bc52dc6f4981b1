-- RisingWave v2.0.7 meta-store migration m20240630_131430_remove_parallel_unit (sqlite).
-- Generated: the migration's up() run against a recording SchemaManager, each statement rendered by
-- sea-query 0.30.7 exactly as sea-orm-migration 0.12.14 would send it. See docs/sql-schema.md.
-- Format: lines starting with "--" are comments; every other line is one complete statement ending in ";".
ALTER TABLE "worker_property" ADD COLUMN "parallelism" integer;
-- query (read-only): SELECT "worker_property"."worker_id", "worker_property"."parallel_unit_ids" FROM "worker_property"
-- On a fresh store it returns no rows. For each row it returns, the migration would run
-- UPDATE worker_property SET parallelism = <number of parallel_unit_ids> WHERE worker_id = <id>.
ALTER TABLE "worker_property" DROP COLUMN "parallel_unit_ids";
ALTER TABLE "fragment" DROP COLUMN "vnode_mapping";
ALTER TABLE "actor" DROP COLUMN "parallel_unit_id";
