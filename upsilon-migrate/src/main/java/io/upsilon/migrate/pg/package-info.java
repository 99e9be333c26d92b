/**
 * PostgreSQL stores: keyset pages through a server-side cursor on the source (give the source an index on
 * (update time, key)), or as {@code COPY (keyset query) TO STDOUT} text for entities with no transforms; on the
 * target, {@code COPY} straight into the table until a key exists, then into a staging table and
 * {@code INSERT … ON CONFLICT}, with the checkpoint in table {@code upsilon_migration_checkpoint} of the target
 * database, in the same transaction.
 */
package io.upsilon.migrate.pg;
