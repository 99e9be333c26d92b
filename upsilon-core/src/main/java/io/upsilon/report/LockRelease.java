package io.upsilon.report;

import io.upsilon.spi.ClusterLock;
import io.upsilon.spi.LockInfo;
import java.util.Optional;

/**
 * An attempt to clear an abandoned cluster lock ({@code upsilon lock release --yes}): whether it was cleared, and
 * the lock before and after. Only a lock whose holder is gone is ever cleared ({@link ClusterLock#releaseIfAbandoned}).
 *
 * @param cleared whether the lock record was cleared (and the token bumped)
 * @param before  the lock before; null when it was never taken
 * @param lock    the lock after; null when it was never taken
 */
public record LockRelease(boolean cleared, LockRow before, LockRow lock) {

    /** Reads the lock, clears it if its holder is gone, and reads it again. */
    public static LockRelease attempt(ClusterLock lock) {
        Optional<LockInfo> before = lock.inspect();
        boolean cleared = lock.releaseIfAbandoned();
        return new LockRelease(cleared, LockRow.of(before), LockRow.of(lock.inspect()));
    }

    /** What happened, in words: who was cleared and why that is safe, or why nothing was. */
    public String summary() {
        String holder = before == null || before.holder() == null ? "?" : before.holder();
        if (cleared) {
            return "Cleared the abandoned lock of " + holder + " (token " + (before == null ? 0 : before.fencingToken())
                    + "). The next holder gets a higher token, so " + holder + " is fenced if it comes back.";
        }
        if (lock != null && lock.holder() != null) {
            return "Nothing cleared: " + lock.holder() + " holds the lock and is alive (token " + lock.fencingToken()
                    + ", " + lock.kind() + "). A live holder is never cleared; wait for it to finish or stop that"
                    + " node.";
        }
        return lock == null ? "Nothing cleared: the lock has never been taken." : "Nothing cleared: the lock is free.";
    }
}
