/**
 * PostgreSQL stores: a first copy reads one snapshot in parallel ranges of heap blocks ({@link
 * io.upsilon.migrate.pg.PgSnapshot}, no index needed); incremental reads are keyset pages through a server-side cursor
 * (give the source an index on (update time, key) in watermark mode), or {@code COPY (keyset query) TO STDOUT} text
 * for entities with no transforms; with {@code wal_level=logical}, changes come from a replication slot and
 * publication ({@link io.upsilon.migrate.pg.PgSlot}) read through Debezium ({@link io.upsilon.migrate.pg.PgChangeLog}).
 * On the target, {@code COPY} straight into the table until a key exists, then into a staging table and
 * {@code INSERT … ON CONFLICT}, with the checkpoint in table {@code upsilon_migration_checkpoint} of the target
 * database, in the same transaction.
 */
package io.upsilon.migrate.pg;
