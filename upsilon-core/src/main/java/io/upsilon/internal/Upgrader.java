package io.upsilon.internal;

import io.upsilon.ErrorCode;
import io.upsilon.PlannedTask;
import io.upsilon.UpgradeEvent;
import io.upsilon.UpgradePlan;
import io.upsilon.UpgradeResult;
import io.upsilon.UpgradeResult.Outcome;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.spi.DataVersionState;
import io.upsilon.spi.LockGrant;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskSessions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upgrade engine: fast check, lock, re-check, plan, run each step through a {@link TaskRunner}, release.
 */
public final class Upgrader {

    /**
     * The logger, made on first use: a check with nothing to do logs nothing, so it need not start the logging
     * framework (slf4j's provider lookup and configuration: several milliseconds of a cold start;
     * upsilon-bench/README.md).
     */
    private static final class Log {
        static final Logger LOG = LoggerFactory.getLogger(Upgrader.class);
    }

    private final UpsilonConfig config;
    private final Planner planner;
    private final Events events;
    private final Validator validator;

    public Upgrader(UpsilonConfig config) {
        this.config = config;
        this.planner = new Planner(config.manifest());
        this.events = new Events(config.nodeId(), config.callbacks());
        this.validator = new Validator(config.manifest(), config.outOfOrder());
    }

    /** The validator this engine checks the history with. */
    public Validator validator() {
        return validator;
    }

    /**
     * Upgrades toward {@code softwareVersion}; never downgrades. With nothing pending this is one read of the data
     * version and the manifest digest recorded beside it; only when the digest differs (a task was added or removed
     * since the last check) or {@link UpsilonConfig#validateAlways()} does it read the history and validate.
     */
    public UpgradeResult upgrade(Version softwareVersion) {
        // the node's own upgrade records its release (1.0.2 on data 1.0.1)
        return upgrade(softwareVersion, softwareVersion.equals(config.softwareVersion()) ? config.release()
                : softwareVersion);
    }

    private UpgradeResult upgrade(Version softwareVersion, Version release) {
        // the digest the fast check compares is that of the version this node upgrades to (the data is usually there)
        validator.digestAhead(softwareVersion);
        DataVersionState state = readState();
        Optional<Version> before = state.version();
        UpgradePlan quick = planner.planUpgrade(before, softwareVersion, List.of());
        if (quick.direction() == UpgradePlan.Direction.NONE) {
            if (before.isPresent() && (config.validateAlways()
                    || !state.manifestDigest().equals(Optional.of(validator.digest(before.get()))))) {
                List<TaskRecord> history = readHistory();
                validator.require(before, history);
                if (!validator.outOfOrderSteps(before, history).isEmpty()) {
                    return underLock(before, release, current -> checkedPlan(current, softwareVersion));
                }
                recordDigest(before.get());
            }
            events.fire(UpgradeEvent.UP_TO_DATE, 0, before, null, null);
            return new UpgradeResult(Outcome.UP_TO_DATE, before, before, List.of(), false);
        }
        if (quick.direction() == UpgradePlan.Direction.AHEAD) {
            events.fire(UpgradeEvent.DATA_AHEAD, 0, before, null, null);
            Log.LOG.info("Data version {} is ahead of software version {}; nothing to do", before.orElse(null),
                    softwareVersion);
            return new UpgradeResult(Outcome.DATA_AHEAD, before, before, List.of(), false);
        }
        return underLock(before, release, current -> checkedPlan(current, softwareVersion));
    }

    /**
     * The plan under the lock: validated against the history first (refused on a changed script or a task added to
     * a passed version), with the out-of-order tasks first when they are allowed.
     */
    private UpgradePlan checkedPlan(Optional<Version> current, Version softwareVersion) {
        List<TaskRecord> history = readHistory();
        validator.require(current, history);
        UpgradePlan plan = planner.planUpgrade(current, softwareVersion, history);
        List<PlannedTask> late = validator.outOfOrderSteps(current, history);
        if (late.isEmpty() || plan.direction() == UpgradePlan.Direction.AHEAD) {
            return plan;
        }
        List<PlannedTask> steps = new ArrayList<>(late);
        steps.addAll(plan.steps());
        return new UpgradePlan(current, plan.target().or(() -> current), UpgradePlan.Direction.UP, steps);
    }

    /** Replaces the placeholders of every SQL step now, so an unknown one fails before any task runs. */
    private UpgradePlan withPlaceholders(UpgradePlan plan) {
        List<PlannedTask> steps = plan.steps().stream().map(step -> new PlannedTask(step.definition()
                .withPlaceholders(config.placeholders(), step.action() == PlannedTask.Action.ROLLBACK), step.action(),
                step.newDataVersion())).toList();
        return new UpgradePlan(plan.dataVersion(), plan.target(), plan.direction(), steps);
    }

    /** Moves the data version to {@code target}, up or (when every task has a rollback) down. */
    public UpgradeResult migrateTo(Version target) {
        return migrateTo(target, target);
    }

    /** {@link #migrateTo(Version)}; {@code release} is what the release history records. */
    public UpgradeResult migrateTo(Version target, Version release) {
        Optional<Version> before = readDataVersion();
        if (before.isPresent() && target.isBefore(before.get())) {
            planner.planDowngrade(before, target, config.store().history()); // refuse early, before taking the lock
            return underLock(before, release, current -> current.isPresent() && target.isBefore(current.get())
                    ? planner.planDowngrade(current, target, config.store().history())
                    : planner.planUpgrade(current, target, List.of()));
        }
        if (!config.manifest().contains(target)) {
            throw new UpsilonException(ErrorCode.UNKNOWN_VERSION, "cannot migrate to " + target + ": it is not a"
                    + " version of manifest " + config.manifest().source() + "; pick one of "
                    + config.manifest().versions());
        }
        return upgrade(target, release);
    }

    /** {@code release} is the version the release history records when the plan completes. */
    private UpgradeResult underLock(Optional<Version> before, Version release, PlanSource plans) {
        config.store().prepare();
        events.fire(UpgradeEvent.LOCK_WAITING, 0, before, null, null);
        LockGrant grant = config.lock().acquire(config.lockWaitTimeout()).orElseThrow(() -> new UpsilonException(
                ErrorCode.LOCK_TIMEOUT, "cluster lock (" + config.lock().kind() + ") not acquired within "
                + config.lockWaitTimeout().toSeconds() + " s; another node is upgrading: wait for it, check"
                + " 'upsilon lock', or raise --lock-timeout"));
        long token = grant.fencingToken();
        try (grant) {
            events.fire(UpgradeEvent.LOCK_ACQUIRED, token, before, null, null);
            Optional<Version> current = readDataVersion();
            UpgradePlan plan = withPlaceholders(plans.plan(current));
            if (plan.isEmpty()) {
                events.fire(UpgradeEvent.DONE_ELSEWHERE, token, current, null, null);
                return new UpgradeResult(Outcome.DONE_ELSEWHERE, before, current, List.of(), true);
            }
            // every SQL script of the plan is read and checked whole before the first step runs
            plan.steps().forEach(step -> step.definition().checksum());
            List<TaskRecord> ran = new ArrayList<>();
            Optional<Version> dataVersion = current;
            try (TaskSessions sessions = config.store().sessions()) {
                TaskRunner runner = new TaskRunner(config, grant, events, sessions);
                for (PlannedTask step : plan.steps()) {
                    ran.add(runner.run(step, dataVersion));
                    if (step.newDataVersion() != null) {
                        dataVersion = Optional.of(step.newDataVersion());
                        events.fire(UpgradeEvent.VERSION_CHANGED, token, dataVersion, null, null);
                        Log.LOG.info("Data version is now {}", step.newDataVersion());
                    }
                }
            }
            events.fire(UpgradeEvent.UPGRADE_COMPLETED, token, dataVersion, null, null);
            Outcome outcome = plan.direction() == UpgradePlan.Direction.DOWN ? Outcome.DOWNGRADED : Outcome.UPGRADED;
            recordRelease(release, dataVersion, outcome == Outcome.DOWNGRADED);
            dataVersion.ifPresent(this::recordDigest);
            return new UpgradeResult(outcome, before, dataVersion, ran, true);
        } finally {
            events.fire(UpgradeEvent.LOCK_RELEASED, token, Optional.empty(), null, null);
        }
    }

    /**
     * Appends to the release history: always for a downgrade; for an upgrade unless the history already ends at this
     * release or a later one (a node records its release as it turns READY, which can come first). A failure is
     * logged and never fails the upgrade that already committed.
     */
    private void recordRelease(Version release, Optional<Version> dataVersion, boolean down) {
        try {
            if (down) {
                config.store().recordRelease(release, dataVersion, config.nodeId());
            } else {
                config.store().recordReleaseIfNewer(release, dataVersion, config.nodeId());
            }
        } catch (RuntimeException e) {
            Log.LOG.warn("Upgrade to {} completed but could not be added to the release history: {}", release,
                    e.getMessage());
        }
    }

    /** Records the digest the history was validated against; like the release history, never fails the call. */
    private void recordDigest(Version dataVersion) {
        try {
            config.store().recordManifestDigest(dataVersion, validator.digest(dataVersion));
        } catch (RuntimeException e) {
            Log.LOG.warn("Could not record the manifest digest for data version {} (the next start validates the"
                    + " history again): {}", dataVersion, e.getMessage());
        }
    }

    private List<TaskRecord> readHistory() {
        try {
            return config.store().history();
        } catch (UpsilonException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "cannot read the upgrade history: " + e.getMessage()
                    + "; check that the database is reachable", e);
        }
    }

    private DataVersionState readState() {
        try {
            return config.store().dataVersionState();
        } catch (UpsilonException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "cannot read the data version: " + e.getMessage()
                    + "; check that the database is reachable", e);
        }
    }

    private Optional<Version> readDataVersion() {
        try {
            return config.store().dataVersion();
        } catch (UpsilonException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new UpsilonException(ErrorCode.STORE_FAILURE, "cannot read the data version: " + e.getMessage()
                    + "; check that the database is reachable", e);
        }
    }

    @FunctionalInterface
    private interface PlanSource {
        UpgradePlan plan(Optional<Version> currentDataVersion);
    }
}
