-- seaql_migrations for postgres, as sea-orm-migration 0.12.14 MigratorTrait::install() creates it
-- (Schema::create_table_from_entity(seaql_migrations::Entity) + if_not_exists), rendered by sea-query 0.30.7.
-- It runs before the first migration; after each migration's up() one row is inserted:
--   INSERT INTO "seaql_migrations" ("version", "applied_at") VALUES ('m20230908_072257_init', <applied_at>);
-- where version is the migration name (see ../migrations.txt) and applied_at is
-- SystemTime::now() as whole seconds since the Unix epoch (i64).
-- Format: lines starting with "--" are comments; every other line is one complete statement ending in ";".
CREATE TABLE IF NOT EXISTS "seaql_migrations" ( "version" varchar NOT NULL PRIMARY KEY, "applied_at" bigint NOT NULL );
