package io.upsilon.spi;

/**
 * The sessions of one lock holder's run of consecutive tasks. A store may let them reuse one connection, so that a
 * task pays for its own statements and one fenced commit rather than for a new connection and its set-up; each
 * session's transaction, fencing check and history row stay its own, exactly as with
 * {@link VersionStore#open(boolean)}. Not thread-safe: one session at a time. Close it when the run ends.
 */
public interface TaskSessions extends AutoCloseable {

    /** Opens the session for the next task, as {@link VersionStore#open(boolean)} does. */
    StoreSession open(boolean transactional);

    /** Ends the run and frees what it kept between tasks. */
    @Override
    void close();
}
