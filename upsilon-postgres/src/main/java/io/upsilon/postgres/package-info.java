/**
 * The PostgreSQL backend's API: {@link io.upsilon.postgres.PostgresBackend} gives the version store, the node
 * registry, the change feeds (LISTEN/NOTIFY or polling), the maintenance store and the two cluster locks over a
 * {@link javax.sql.DataSource}; {@link io.upsilon.postgres.PostgresSettings} says where the tables live;
 * {@link io.upsilon.postgres.ForeignHistory} reads Flyway's and Liquibase's history for a baseline. Code that should
 * work with any backend finds this one by its URL instead ({@link io.upsilon.Backends#forUrl(String)} with a
 * {@code jdbc:postgresql:} URL) and uses the {@code io.upsilon.spi} interfaces; the implementations live in
 * {@code io.upsilon.postgres.internal}.
 *
 * <p>Use a non-pooled data source (or one whose connections end their session on close) for the advisory lock:
 * a session advisory lock lives as long as the session, so a pool that keeps the session would keep the lock.
 */
package io.upsilon.postgres;
