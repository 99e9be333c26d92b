package io.upsilon.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * A cluster-wide lock with one holder at a time. Every grant carries a fencing token larger than any earlier
 * grant's, and the lock dies with its holder: a crashed or partitioned holder loses it without anyone clearing it
 * by hand.
 *
 * <p>Implementations must pass {@code AbstractClusterLockContractTest} in {@code upsilon-test-support}.
 */
public interface ClusterLock {

    /**
     * Waits up to {@code timeout} for the lock.
     *
     * @return the grant, or empty if another holder kept it for the whole timeout
     */
    Optional<LockGrant> acquire(Duration timeout);

    /** Who holds the lock now, if anyone; for {@code upsilon lock}. */
    Optional<LockInfo> inspect();

    /**
     * Clears the lock record when its holder is gone (lease expired or session ended), bumping the token so a
     * holder that comes back is fenced.
     *
     * @return whether anything was cleared; a live holder is never cleared
     */
    boolean releaseIfAbandoned();

    /** A short name of the implementation, e.g. {@code advisory} or {@code lease}. */
    String kind();
}
