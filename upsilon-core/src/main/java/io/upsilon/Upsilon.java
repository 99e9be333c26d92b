package io.upsilon;

import io.upsilon.internal.Planner;
import io.upsilon.internal.Upgrader;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The entry point a service embeds: call {@link #upgrade()} while the node is UP and before it reports READY.
 *
 * <p>Thread-safe. Engine classes live in {@code io.upsilon.internal}; none of them appears in this API's
 * signatures, so they can change without breaking callers.
 */
public final class Upsilon {

    private final UpsilonConfig config;
    private final Upgrader upgrader;

    private Upsilon(UpsilonConfig config) {
        this.config = config;
        this.upgrader = new Upgrader(config);
    }

    public static Upsilon create(UpsilonConfig config) {
        return new Upsilon(config);
    }

    public UpsilonConfig config() {
        return config;
    }

    /**
     * Brings the data version up to this node's software version. When the data version is already there this is
     * one read and takes no lock. Otherwise it takes the cluster lock (waiting up to the configured timeout), reads
     * the data version again, and runs what is still pending. Never downgrades: if the data is ahead it returns
     * {@link UpgradeResult.Outcome#DATA_AHEAD}.
     *
     * @throws UpsilonException {@link ErrorCode#TASK_FAILED}, {@link ErrorCode#LOCK_TIMEOUT},
     *                          {@link ErrorCode#FENCED} or {@link ErrorCode#STORE_FAILURE}
     */
    public UpgradeResult upgrade() {
        return upgrader.upgrade(config.softwareVersion());
    }

    /**
     * Moves the data version to {@code target}, up or down. Going down rolls back every applied task above the
     * target, newest first, and is refused ({@link ErrorCode#DOWNGRADE_REFUSED}) unless every one has a rollback.
     */
    public UpgradeResult migrateTo(Version target) {
        return upgrader.migrateTo(target);
    }

    /**
     * {@link #migrateTo(Version)}, recording {@code release} in the release history when the data version moved:
     * what a release chain step does, whose release number differs from its data version (release 1.0.2 on data
     * 1.0.1).
     */
    public UpgradeResult migrateTo(Version target, Version release) {
        return upgrader.migrateTo(target, release);
    }

    /** What {@link #migrateTo} would do for {@code target} now; takes no lock and changes nothing. */
    public UpgradePlan plan(Version target) {
        Optional<Version> dataVersion = config.store().dataVersion();
        List<TaskRecord> history = config.store().history();
        Planner planner = new Planner(config.manifest());
        if (dataVersion.isPresent() && target.isBefore(dataVersion.get())) {
            return planner.planDowngrade(dataVersion, target, history);
        }
        return planner.planUpgrade(dataVersion, target, history);
    }

    /** The data version now; empty on a fresh store. */
    public Optional<Version> dataVersion() {
        return config.store().dataVersion();
    }

    /** The upgrade history, oldest first. */
    public List<TaskRecord> history() {
        return config.store().history();
    }

    /**
     * The applied SQL tasks whose script text no longer matches the checksum recorded when they ran: someone edited
     * a script after it was applied. Upsilon never re-runs them; this is for {@code upsilon status} to warn about.
     */
    public List<TaskDefinition> checksumDrift() {
        Map<Map.Entry<Version, String>, String> applied = new HashMap<>();
        for (TaskRecord r : history()) {
            if (r.status() == TaskStatus.SUCCEEDED && r.checksum().isPresent()) {
                applied.put(Map.entry(r.version(), r.task()), r.checksum().get());
            }
        }
        return config.manifest().allTasks().stream().filter(t -> {
            String recorded = applied.get(Map.entry(t.version(), t.name()));
            return recorded != null && !t.checksum().orElseThrow().equals(recorded);
        }).toList();
    }
}
