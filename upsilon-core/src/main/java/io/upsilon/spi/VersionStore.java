package io.upsilon.spi;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the cluster keeps its data version and upgrade history.
 *
 * <p>Every write that matters (a task's outcome, the data-version bump) goes through {@link StoreSession#commit},
 * which refuses to commit unless the given fencing token is still the lock holder's.
 *
 * <p>Implementations must pass {@code AbstractVersionStoreContractTest} in {@code upsilon-test-support}.
 */
public interface VersionStore {

    /**
     * Creates the store's tables if they are missing. Safe when many nodes call it at once on an empty database.
     */
    void prepare();

    /**
     * The current data version, read in one indexed query without taking any lock; empty on a fresh store (also
     * when {@link #prepare()} has not run yet).
     */
    Optional<Version> dataVersion();

    /** Every history row, oldest first. */
    List<TaskRecord> history();

    /**
     * Opens a session for one task. A transactional session's connection has auto-commit off and applies the
     * store's statement lock timeout; a non-transactional one is in auto-commit mode.
     */
    StoreSession open(boolean transactional);

    /**
     * Opens a run of task sessions for a lock holder that runs several tasks one after the other. The default opens
     * each session with {@link #open(boolean)}; a store may keep one connection for the whole run instead.
     */
    default TaskSessions sessions() {
        return new TaskSessions() {
            @Override
            public StoreSession open(boolean transactional) {
                return VersionStore.this.open(transactional);
            }

            @Override
            public void close() {
            }
        };
    }

    /**
     * Appends a row to the release history: an upgrade to {@code software} completed and left the data version at
     * {@code data}. The engine calls it once per completed upgrade or downgrade, under the cluster lock, and never
     * lets a failure here fail the upgrade. Rows are returned by {@link #releases()} in the order they were
     * appended.
     *
     * <p>The default does nothing, for stores without a release history; release rollbacks then have nothing to
     * plan from.
     */
    default void recordRelease(Version software, Optional<Version> data, String nodeId) {
    }

    /**
     * Appends {@code release} to the release history unless the last row already names it or a later release:
     * called by every node of a release once it serves, so that a release that changes no data (1.0.2 on data
     * 1.0.1) is recorded too, once, and a stray older node that restarts does not make itself the current release.
     * Rolling back records the older release explicitly ({@link #recordRelease}). Must be atomic: many nodes of one
     * release call it at once.
     *
     * <p>The default reads {@link #releases()} and then appends, which is not atomic; stores override it.
     *
     * @return whether a row was appended
     */
    default boolean recordReleaseIfNewer(Version release, Optional<Version> data, String nodeId) {
        List<ReleaseRecord> all = releases();
        if (!all.isEmpty() && !all.get(all.size() - 1).softwareVersion().isBefore(release)) {
            return false;
        }
        recordRelease(release, data, nodeId);
        return true;
    }

    /**
     * The release history, oldest first; empty on a fresh store (also before {@link #prepare()}) and by default.
     */
    default List<ReleaseRecord> releases() {
        return List.of();
    }

    /**
     * The data version and the manifest digest recorded with it, in the same one indexed query as
     * {@link #dataVersion()} and without any lock: a node's up-to-date check compares the digest with its manifest's
     * and reads the history only when they differ.
     *
     * <p>The default has no digest, so an up-to-date check on such a store reads the history every time.
     */
    default DataVersionState dataVersionState() {
        return new DataVersionState(dataVersion(), Optional.empty());
    }

    /**
     * Records {@code digest} as validated for data version {@code version}; does nothing when the data version is no
     * longer {@code version}. Needs no lock: the digest only lets a later check skip reading the history. The default
     * does nothing.
     */
    default void recordManifestDigest(Version version, String digest) {
    }

    /**
     * Records a baseline: {@code rows} (with status {@code BASELINE}) and the data version {@code version}, in one
     * transaction that commits only if {@code fencingToken} is still the lock holder's and the store has neither a
     * data version nor any history row.
     *
     * @throws UpsilonException {@link ErrorCode#BASELINE_REFUSED} when the store already has history,
     *                          {@link ErrorCode#FENCED} when the token is no longer current
     */
    default void baseline(List<TaskRecord> rows, Version version, long fencingToken) {
        throw new UpsilonException(ErrorCode.BAD_INPUT, getClass().getSimpleName() + " cannot record a baseline");
    }

    /**
     * Repairs the history in one transaction, fenced by {@code fencingToken}: sets the checksum of each row id in
     * {@code checksums} and deletes the rows in {@code removedRows}.
     *
     * @throws UpsilonException {@link ErrorCode#FENCED} when the token is no longer current
     */
    default void repair(Map<Long, String> checksums, Collection<Long> removedRows, long fencingToken) {
        throw new UpsilonException(ErrorCode.BAD_INPUT, getClass().getSimpleName() + " cannot repair its history");
    }
}
