/**
 * Side-by-side migration: {@link io.upsilon.migrate.MigrationSpec} (YAML) says what moves where and how it is
 * transformed; {@link io.upsilon.migrate.Migrator} checks the spec against both stores, then copies (full or
 * incremental, resumable from checkpoints), verifies and cuts over. {@link io.upsilon.migrate.Migration} opens a spec
 * with its stores and migrator; {@link io.upsilon.migrate.ContinuousMigration} runs the catch-ups and the cut-over
 * ({@link io.upsilon.migrate.MaintenanceCutover} or manual) in one call, and tells its steps and outcome in
 * sentences for a log, with {@link io.upsilon.migrate.ContinuousView} as its record for JSON.
 * {@link io.upsilon.migrate.MigrationNames} names settings and commands in every message as the caller's users know
 * them (the CLI's options, a service's properties). {@link io.upsilon.migrate.MigrationProgress} turns the runs' batches into rows, rates, shares
 * and ETAs. {@link io.upsilon.migrate.EntityTransformer} is the extension point for transforms written in Java.
 */
package io.upsilon.migrate;
