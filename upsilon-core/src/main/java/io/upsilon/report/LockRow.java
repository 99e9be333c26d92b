package io.upsilon.report;

import io.upsilon.spi.LockInfo;
import java.util.Optional;

/**
 * The cluster lock as reports show it ({@code upsilon lock}, {@code status}, {@code /status}).
 *
 * @param name         the lock name
 * @param kind         the lock implementation, e.g. {@code advisory}
 * @param holder       the node holding it; null when free
 * @param fencingToken the last fencing token granted
 * @param alive        whether the holder still holds it (its session is alive or its lease unexpired)
 * @param ageMillis    how long the current holder has held it; null when free
 * @param acquiredAt   when the last grant was made (database time); null if unknown
 * @param renewedAt    the last heartbeat or grant (database time); null if unknown
 * @param expiresAt    when a lease runs out; null for session locks
 */
public record LockRow(String name, String kind, String holder, long fencingToken, boolean alive, Long ageMillis,
                      String acquiredAt, String renewedAt, String expiresAt) {

    /** The row of {@code info}. */
    public static LockRow of(LockInfo info) {
        return new LockRow(info.name(), info.kind(), info.holder().orElse(null), info.token(), info.alive(),
                info.holder().isPresent() && info.age() != null ? info.age().toMillis() : null,
                info.acquiredAt() == null ? null : info.acquiredAt().toString(),
                info.renewedAt() == null ? null : info.renewedAt().toString(),
                info.expiresAt().map(Object::toString).orElse(null));
    }

    /** The row of a lock that may never have been taken: null then. */
    public static LockRow of(Optional<LockInfo> info) {
        return info.map(LockRow::of).orElse(null);
    }
}
