package io.upsilon;

/** Receives a long task's progress. Calls are cheap and may be frequent; implementations throttle their output. */
@FunctionalInterface
public interface ProgressReporter {

    /** Reports {@code done} units of {@code total} ({@code total} is {@code -1} when unknown). */
    void report(long done, long total, String unit);

    /** A reporter that discards everything. */
    static ProgressReporter none() {
        return (done, total, unit) -> { };
    }
}
