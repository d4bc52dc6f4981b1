-- RisingWave v2.0.7 meta-store migration m20240618_072634_function_compressed_binary (sqlite).
-- Generated: the migration's up() run against a recording SchemaManager, each statement rendered by
-- sea-query 0.30.7 exactly as sea-orm-migration 0.12.14 would send it. See docs/sql-schema.md.
-- Format: lines starting with "--" are comments; every other line is one complete statement ending in ";".
ALTER TABLE function ADD COLUMN compressed_binary_new BLOB;
UPDATE function SET compressed_binary_new = compressed_binary;
ALTER TABLE function DROP COLUMN compressed_binary;
ALTER TABLE function RENAME COLUMN compressed_binary_new TO compressed_binary;
