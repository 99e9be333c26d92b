package io.upsilon.release;

import io.upsilon.Version;
import io.upsilon.spi.ReleaseRecord;
import java.util.List;
import java.util.Optional;

/**
 * A rollback chain together with what the store said when it was planned
 * ({@link ReleasePlanner#planRollback(io.upsilon.spi.VersionStore, Version, io.upsilon.Manifest)}): what
 * {@code upsilon path --rollback} prints next to the chain.
 *
 * @param chain       the chain back from the last release of {@code history}
 * @param history     the store's release history, oldest first; never empty (planning refuses an empty one)
 * @param dataVersion the store's data version when the history was read; empty on a fresh store
 */
public record RollbackPlan(PlannedChain chain, List<ReleaseRecord> history, Optional<Version> dataVersion) {

    /** Copies {@code history} so the plan does not change with the list it was made from. */
    public RollbackPlan {
        history = List.copyOf(history);
    }

    /**
     * Whether the store's data version is the one the current release (the chain's first) brings. When it is not,
     * the release history or the release descriptors are out of date, and the chain may undo the wrong tasks: the
     * caller warns.
     */
    public boolean dataVersionAgrees() {
        return chain.from().dataVersion().equals(dataVersion.orElse(null));
    }

    /**
     * When the data version {@linkplain #dataVersionAgrees() disagrees}, what is wrong in one line: the data version,
     * what the current release brings, and that the history or the release descriptors ({@link PlannedChain#source()})
     * may be out of date; empty when it agrees.
     */
    public Optional<String> warning() {
        return dataVersionAgrees() ? Optional.empty() : Optional.of("the data version is "
                + dataVersion.map(Version::toString).orElse("none") + " but release " + chain.from().version()
                + ", the last in the release history, brings " + chain.from().dataVersion() + "; the history or "
                + chain.source() + " may be out of date");
    }

    /**
     * The plan for a person ({@code upsilon path --rollback}): {@link ChainDiagrams#describe} of the chain, then, unless
     * it is empty, the {@link #summary()} line. Every line ends with a newline.
     */
    public String describe() {
        return ChainDiagrams.describe(chain) + (chain.isEmpty() ? "" : summary() + "\n");
    }

    /** The history and data version it was planned from: {@code Release history: 1.0.0, 2.0.1; data version 2.0.1.} */
    public String summary() {
        return "Release history: " + String.join(", ", history.stream().map(r -> r.softwareVersion().toString())
                .toList()) + "; data version " + dataVersion.map(Version::toString).orElse("none") + ".";
    }
}
