-- RisingWave v2.0.7 meta-store migration m20240304_074901_subscription (postgres).
-- Generated: the migration's up() run against a recording SchemaManager, each statement rendered by
-- sea-query 0.30.7 exactly as sea-orm-migration 0.12.14 would send it. See docs/sql-schema.md.
-- Format: lines starting with "--" are comments; every other line is one complete statement ending in ";".
-- probe (read-only): has_table("subscription")
CREATE TABLE "subscription" ( "subscription_id" integer PRIMARY KEY, "name" varchar NOT NULL, "columns" bytea NOT NULL, "plan_pk" bytea NOT NULL, "distribution_key" jsonb NOT NULL, "properties" jsonb NOT NULL, "definition" varchar NOT NULL, "subscription_from_name" varchar NOT NULL, CONSTRAINT "FK_subscription_object_id" FOREIGN KEY ("subscription_id") REFERENCES "object" ("oid") ON DELETE CASCADE );
