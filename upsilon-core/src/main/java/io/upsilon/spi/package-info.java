/**
 * The extension points a storage backend implements: {@link io.upsilon.spi.ClusterLock} (with
 * {@link io.upsilon.spi.LockGrant}) and {@link io.upsilon.spi.VersionStore} (with
 * {@link io.upsilon.spi.StoreSession}). Each has an abstract contract suite in {@code upsilon-test-support} that
 * every implementation must pass. Methods may be added with defaults; existing contracts do not change.
 */
package io.upsilon.spi;
