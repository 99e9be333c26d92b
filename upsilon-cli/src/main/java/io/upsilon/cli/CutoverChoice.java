package io.upsilon.cli;

/** The values of {@code migrate continuous --cutover}. */
enum CutoverChoice {
    /** The old cluster's maintenance window: the nodes hold new work, the drain waits for work in flight. */
    maintenance,
    /** No window: writes to the old cluster are stopped by hand (or already are). */
    manual
}
