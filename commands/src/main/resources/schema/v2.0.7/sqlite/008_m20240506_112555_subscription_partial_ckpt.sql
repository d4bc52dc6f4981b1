-- RisingWave v2.0.7 meta-store migration m20240506_112555_subscription_partial_ckpt (sqlite).
-- Generated: the migration's up() run against a recording SchemaManager, each statement rendered by
-- sea-query 0.30.7 exactly as sea-orm-migration 0.12.14 would send it. See docs/sql-schema.md.
-- Format: lines starting with "--" are comments; every other line is one complete statement ending in ";".
DROP TABLE IF EXISTS "subscription";
CREATE TABLE "subscription" ( "subscription_id" integer PRIMARY KEY, "name" text NOT NULL, "definition" text NOT NULL, "retention_seconds" bigint, "subscription_state" integer, "dependent_table_id" integer NOT NULL, FOREIGN KEY ("subscription_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
