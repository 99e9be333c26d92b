/**
 * Upsilon's public API: what a service embeds and what task authors implement.
 *
 * <p>Promised: {@link io.upsilon.Upsilon} and {@link io.upsilon.UpsilonConfig} to run upgrades;
 * {@link io.upsilon.UpgradeTask}, {@link io.upsilon.BaseUpgradeTask} and {@link io.upsilon.TaskContext} for tasks;
 * {@link io.upsilon.Manifest}, {@link io.upsilon.Version} and {@link io.upsilon.ModuleId} as values;
 * {@link io.upsilon.UpgradeEvent} with {@link io.upsilon.UpgradeCallback} for lifecycle events; and
 * {@link io.upsilon.UpsilonException} with {@link io.upsilon.ErrorCode} as the only failure. Nothing here exposes a
 * type from {@code io.upsilon.internal}; the facade delegates to it so the engine can change freely.
 */
package io.upsilon;
