/**
 * PostgreSQL stores: a first copy reads one snapshot in parallel ranges of heap blocks ({@link
 * io.upsilon.migrate.pg.PgSnapshot}, no index needed); incremental reads are keyset pages through a server-side cursor
 * (give the source an index on (update time, key) in watermark mode), or {@code COPY (keyset query) TO STDOUT} text
 * for entities with no transforms; with {@code wal_level=logical}, changes come from a replication slot and
 * publication ({@link io.upsilon.migrate.pg.PgSlot}) read through Debezium ({@link io.upsilon.migrate.pg.PgChangeLog}).
 * On the target, {@code COPY} straight into the table until a key exists, then into a staging table and
 * {@code INSERT … ON CONFLICT}, with the checkpoint in table {@code upsilon_migration_checkpoint} of the target
 * database, in the same transaction.
 *
 * <p><b>Implementations, not API.</b> These classes implement {@link io.upsilon.migrate.spi.SourceStore} and
 * {@link io.upsilon.migrate.spi.TargetStore} for PostgreSQL; {@link io.upsilon.migrate.Stores} makes them from a
 * {@link io.upsilon.migrate.MigrationSpec}, and {@link io.upsilon.migrate.Migrator} drives them. Program against the
 * SPI interfaces: the public types here are public for the module's other packages and the benchmarks, and may
 * change in any release.
 */
package io.upsilon.migrate.pg;
