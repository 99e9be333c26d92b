/**
 * The PostgreSQL backend: {@link io.upsilon.postgres.PostgresBackend} gives the version store and the two cluster
 * locks over a {@link javax.sql.DataSource}; {@link io.upsilon.postgres.PostgresSettings} says where the tables live.
 *
 * <p>Use a non-pooled data source (or one whose connections end their session on close) for the advisory lock:
 * a session advisory lock lives as long as the session, so a pool that keeps the session would keep the lock.
 */
package io.upsilon.postgres;
