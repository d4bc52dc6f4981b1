-- RisingWave v2.0.7 meta-store migration m20240410_154406_session_params (mysql).
-- Generated: the migration's up() run against a recording SchemaManager, each statement rendered by
-- sea-query 0.30.7 exactly as sea-orm-migration 0.12.14 would send it. See docs/sql-schema.md.
-- Format: lines starting with "--" are comments; every other line is one complete statement ending in ";".
-- probe (read-only): has_table("session_parameter")
CREATE TABLE `session_parameter` ( `name` varchar(255) PRIMARY KEY NOT NULL, `value` varchar(255) NOT NULL, `description` text );
