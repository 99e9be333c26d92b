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

    /**
     * The lock in one line: {@code free (advisory, last fencing token 7)}, or {@code held by web-1 (lease, token 8,
     * alive, held for 4.2 s)}; {@code NOT alive} when its holder is gone (the next holder takes it over).
     */
    public String describe() {
        if (holder == null) {
            return "free (" + kind + ", last fencing token " + fencingToken + ")";
        }
        return "held by " + holder + " (" + kind + ", token " + fencingToken + ", " + (alive ? "alive" : "NOT alive")
                + ", held for " + ReportText.duration(ageMillis) + ")";
    }

    /**
     * {@link #describe()}, with what to do when the holder is gone: nothing, because the next upgrade takes the lock
     * over by itself ({@code upsilon lock} and {@code status} say so, so that an operator is not sent to clear it).
     */
    public String describeWithAdvice() {
        return describe() + (holder == null || alive ? ""
                : "; its holder is gone: the next upgrade takes it over by itself (nothing to do; 'upsilon lock"
                + " release --yes' only tidies the record)");
    }

    /**
     * The lock as a two-column table: name, {@code state}, holder, token, kind, whether alive, how long held, when
     * acquired and renewed, when it expires. Every line ends with a newline.
     *
     * @param state how the state reads: {@link #describe()}, or that with a program's advice added
     */
    public String table(String state) {
        return new TextTable("", "")
                .row("Lock", name)
                .row("State", state)
                .row("Holder", holder == null ? "none" : holder)
                .row("Token", fencingToken)
                .row("Kind", kind)
                .row("Alive", alive)
                .row("Held for", ReportText.duration(ageMillis))
                .row("Acquired at", acquiredAt)
                .row("Renewed at", renewedAt)
                .row("Expires at", expiresAt == null ? "never (session lock)" : expiresAt)
                .text("");
    }
}
