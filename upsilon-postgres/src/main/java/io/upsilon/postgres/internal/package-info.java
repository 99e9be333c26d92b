/**
 * Implementations behind {@link io.upsilon.postgres.PostgresBackend}: the version store, node registry, change
 * feed, maintenance store and the two cluster locks; the backend provider and the SQL script tasks (the PostgreSQL
 * lexer that cuts scripts into statements) that {@link java.util.ServiceLoader} finds through
 * {@code META-INF/services}. <b>Not part of the API</b>: the public types here are public for
 * {@code ServiceLoader} and this module's tests, and may change in any release. Program against the SPI interfaces of
 * {@code io.upsilon.spi}, made by {@link io.upsilon.Backends#forUrl(String)} or {@code PostgresBackend}.
 */
package io.upsilon.postgres.internal;
