/** Implementations behind {@link io.upsilon.postgres.PostgresBackend}. Not part of the API. */
package io.upsilon.postgres.internal;
