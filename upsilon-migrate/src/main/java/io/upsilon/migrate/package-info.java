/**
 * Side-by-side migration: {@link io.upsilon.migrate.MigrationSpec} (YAML) says what moves where and how it is
 * transformed; {@link io.upsilon.migrate.Migrator} checks the spec against both stores, then copies (full or
 * incremental, resumable from checkpoints), verifies and cuts over. {@link io.upsilon.migrate.EntityTransformer} is
 * the extension point for transforms written in Java.
 */
package io.upsilon.migrate;
