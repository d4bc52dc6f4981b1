-- RisingWave v2.0.7 meta-store migration m20240525_090457_secret (sqlite).
-- Generated: the migration's up() run against a recording SchemaManager, each statement rendered by
-- sea-query 0.30.7 exactly as sea-orm-migration 0.12.14 would send it. See docs/sql-schema.md.
-- Format: lines starting with "--" are comments; every other line is one complete statement ending in ";".
-- probe (read-only): has_table("secret")
CREATE TABLE IF NOT EXISTS "secret" ( "secret_id" integer NOT NULL PRIMARY KEY, "name" text NOT NULL, "value" blob NOT NULL, FOREIGN KEY ("secret_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
ALTER TABLE "sink" ADD COLUMN "secret_ref" blob;
ALTER TABLE "source" ADD COLUMN "secret_ref" blob;
