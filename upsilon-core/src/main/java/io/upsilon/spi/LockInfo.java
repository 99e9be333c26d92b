package io.upsilon.spi;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the store knows of a lock's current or last holder.
 *
 * @param name       the lock name
 * @param kind       the lock implementation, e.g. {@code advisory}
 * @param holder     the holder's node id, empty when released
 * @param token      the last fencing token granted
 * @param acquiredAt when the last grant was made (database time)
 * @param renewedAt  the last heartbeat or grant (database time)
 * @param expiresAt  when a lease runs out; empty for session locks
 * @param age        how long the current holder has held the lock
 * @param alive      whether the holder still holds it (session alive or lease unexpired)
 */
public record LockInfo(String name, String kind, Optional<String> holder, long token, Instant acquiredAt,
                       Instant renewedAt, Optional<Instant> expiresAt, Duration age, boolean alive) {
}
