/**
 * The stores a migration reads from and writes to. {@link io.upsilon.migrate.spi.SourceStore} pages entities in
 * (update time, key) order; {@link io.upsilon.migrate.spi.TargetStore} writes by key, idempotently, with the
 * checkpoint in the same transaction. Implementations: PostgreSQL ({@code io.upsilon.migrate.pg}) and HTTP JSON
 * ({@code io.upsilon.migrate.http}). These two interfaces are all a new store needs; PostgreSQL's {@code COPY} fast
 * path is an optional capability ({@link io.upsilon.migrate.spi.CopyPageSource},
 * {@link io.upsilon.migrate.spi.CopyPageTarget}, offered through {@code copyPages()}) that the engine uses only when
 * both sides of an entity have it.
 */
package io.upsilon.migrate.spi;
