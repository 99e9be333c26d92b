package io.upsilon;

import io.upsilon.spi.LockInfo;
import java.util.List;
import java.util.Optional;

/**
 * Where a store stands against a target version, read in one go by {@link Upsilon#status(Version)}: the data
 * version, what an upgrade would run, the cluster lock, and what validation finds. Nothing is changed and no lock is
 * taken to read it.
 *
 * @param dataVersion the data version; empty on a fresh store
 * @param target      the version compared against
 * @param state       up to date, tasks pending, or the data ahead of the target
 * @param pending     the tasks an upgrade to {@code target} would run, in order; empty when the data is ahead (this
 *                    software cannot go there; a rollback is {@link Upsilon#plan(Version)}'s to show)
 * @param lock        the cluster lock's record; empty when it was never taken
 * @param issues      what {@link Upsilon#validate()} finds (an upgrade refuses on an error)
 */
public record UpsilonStatus(Optional<Version> dataVersion, Version target, State state, List<PlannedTask> pending,
                            Optional<LockInfo> lock, List<ValidationIssue> issues) {

    /** How the data version stands against the target. */
    public enum State {
        /** At the target: nothing to run. */
        UP_TO_DATE,
        /** Below the target, or tasks still to run: {@link #pending()} lists them. */
        PENDING,
        /** Above the target: the data is newer than this software. */
        AHEAD
    }

    public UpsilonStatus {
        pending = List.copyOf(pending);
        issues = List.copyOf(issues);
    }

    /** The issues that are applied scripts edited since they ran ({@link ValidationIssue.Kind#CHECKSUM_CHANGED}). */
    public List<ValidationIssue> checksumDrift() {
        return issues.stream().filter(i -> i.kind() == ValidationIssue.Kind.CHECKSUM_CHANGED).toList();
    }
}
