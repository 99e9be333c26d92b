/**
 * The extension points a storage backend implements: {@link io.upsilon.spi.ClusterLock} (with
 * {@link io.upsilon.spi.LockGrant}) and {@link io.upsilon.spi.VersionStore} (with
 * {@link io.upsilon.spi.StoreSession}), {@link io.upsilon.spi.NodeRegistry}, {@link io.upsilon.spi.ChangeFeed} and
 * {@link io.upsilon.spi.MaintenanceStore}, gathered as a {@link io.upsilon.spi.Backend} made by a
 * {@link io.upsilon.spi.BackendProvider}; and {@link io.upsilon.spi.ScriptTaskFactory}, which turns a manifest's SQL
 * entries into tasks in the backend's dialect. Providers and script-task factories are found through
 * {@link java.util.ServiceLoader} ({@code META-INF/services}), so a backend module is added to the class path, never
 * to the code that looks it up ({@link io.upsilon.Backends#forUrl(String)}). Each store and the lock have an
 * abstract contract suite in {@code upsilon-test-support} that every implementation must pass. Methods may be added
 * with defaults; existing contracts do not change.
 */
package io.upsilon.spi;
