/**
 * The stores a migration reads from and writes to. {@link io.upsilon.migrate.spi.SourceStore} pages entities in
 * (update time, key) order; {@link io.upsilon.migrate.spi.TargetStore} writes by key, idempotently, with the
 * checkpoint in the same transaction. Implementations: PostgreSQL ({@code io.upsilon.migrate.pg}) and HTTP JSON
 * ({@code io.upsilon.migrate.http}).
 */
package io.upsilon.migrate.spi;
