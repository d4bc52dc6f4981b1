-- RisingWave v2.0.7 meta-store migration m20240506_112555_subscription_partial_ckpt (mysql).
-- Generated: the migration's up() run against a recording SchemaManager, each statement rendered by
-- sea-query 0.30.7 exactly as sea-orm-migration 0.12.14 would send it. See docs/sql-schema.md.
-- Format: lines starting with "--" are comments; every other line is one complete statement ending in ";".
DROP TABLE IF EXISTS `subscription` CASCADE;
CREATE TABLE `subscription` ( `subscription_id` int PRIMARY KEY, `name` varchar(255) NOT NULL, `definition` varchar(255) NOT NULL, `retention_seconds` bigint, `subscription_state` int, `dependent_table_id` int NOT NULL, CONSTRAINT `FK_subscription_object_id` FOREIGN KEY (`subscription_id`) REFERENCES `object` (`oid`) ON DELETE CASCADE );
