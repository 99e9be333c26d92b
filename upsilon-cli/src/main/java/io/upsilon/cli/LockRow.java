package io.upsilon.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.upsilon.spi.LockInfo;
import java.util.Optional;

/**
 * The cluster lock as printed by {@code lock} and {@code status}. In JSON the token is {@code fencingToken}, as in
 * {@code /status} of {@code upsilon serve} and in the history rows.
 *
 * @param holder    the node holding it, null when free
 * @param alive     whether the holder still holds it (its session is alive or its lease unexpired)
 * @param ageMillis how long the current holder has held it; null when free
 */
record LockRow(String name, String kind, String holder, @JsonProperty("fencingToken") long token, boolean alive,
               Long ageMillis, String acquiredAt, String renewedAt, String expiresAt) {

    static LockRow of(LockInfo info) {
        return new LockRow(info.name(), info.kind(), info.holder().orElse(null), info.token(), info.alive(),
                info.holder().isPresent() && info.age() != null ? info.age().toMillis() : null,
                info.acquiredAt() == null ? null : info.acquiredAt().toString(),
                info.renewedAt() == null ? null : info.renewedAt().toString(),
                Json.text(info.expiresAt()));
    }

    static LockRow of(Optional<LockInfo> info) {
        return info.map(LockRow::of).orElse(null);
    }

    /** One line for text output. */
    String describe() {
        if (holder == null) {
            return "free (" + kind + ", last fencing token " + token + ")";
        }
        return "held by " + holder + " (" + kind + ", token " + token + ", " + (alive ? "alive" : "NOT alive")
                + ", held for " + Text.duration(ageMillis) + ")" + (alive ? ""
                : "; its holder is gone: the next upgrade takes it over by itself (nothing to do; 'upsilon lock"
                + " release --yes' only tidies the record)");
    }
}
