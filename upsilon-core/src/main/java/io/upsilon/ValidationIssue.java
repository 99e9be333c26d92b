package io.upsilon;

import java.util.Optional;

/**
 * One way the manifest and the history disagree, found by {@link Upsilon#validate()}.
 *
 * @param kind             what is wrong
 * @param version          the version the task belongs to
 * @param task             the task as written in the manifest (or, for {@link Kind#MISSING}, in the history)
 * @param recordedChecksum the checksum in the history, for {@link Kind#CHECKSUM_CHANGED}
 * @param currentChecksum  the checksum of the script now, for {@link Kind#CHECKSUM_CHANGED}
 * @param message          one line naming the task and the remedy
 */
public record ValidationIssue(Kind kind, Version version, String task, Optional<String> recordedChecksum,
                              Optional<String> currentChecksum, String message) {

    /** What is wrong; {@link #isError()} says whether an upgrade refuses because of it. */
    public enum Kind {
        /** An applied SQL script was edited after it ran. An error: repair it or restore the script. */
        CHECKSUM_CHANGED(true),
        /**
         * A task that never ran sits in a version at or below the data version (added after the version was applied).
         * An error unless out-of-order is allowed; then it is pending and runs before any newer task.
         */
        OUT_OF_ORDER(true),
        /** An applied task is in the history but no longer in the manifest. A warning: nothing is undone. */
        MISSING(false),
        /**
         * A non-transactional task's latest row is FAILED: what it committed before failing stays. A warning: the
         * next upgrade runs it again (it is idempotent); {@code upsilon repair} clears the row.
         */
        FAILED(false);

        private final boolean error;

        Kind(boolean error) {
            this.error = error;
        }

        public boolean isError() {
            return error;
        }
    }

    /** Whether an upgrade refuses because of this issue. */
    public boolean isError() {
        return kind.isError();
    }
}
