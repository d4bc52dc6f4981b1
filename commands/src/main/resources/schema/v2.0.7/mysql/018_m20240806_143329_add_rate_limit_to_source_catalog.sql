-- RisingWave v2.0.7 meta-store migration m20240806_143329_add_rate_limit_to_source_catalog (mysql).
-- Generated: the migration's up() run against a recording SchemaManager, each statement rendered by
-- sea-query 0.30.7 exactly as sea-orm-migration 0.12.14 would send it. See docs/sql-schema.md.
-- Format: lines starting with "--" are comments; every other line is one complete statement ending in ";".
ALTER TABLE `source` ADD COLUMN `rate_limit` int;
