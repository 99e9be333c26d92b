/**
 * PostgreSQL stores: keyset pages through a server-side cursor on the source (give the source an index on
 * (update time, key)), and {@code COPY} into a staging table then {@code INSERT … ON CONFLICT} on the target, with the
 * checkpoint in table {@code upsilon_migration_checkpoint} of the target database.
 */
package io.upsilon.migrate.pg;
