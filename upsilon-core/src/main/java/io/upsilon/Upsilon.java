package io.upsilon;

import io.upsilon.internal.Baseliner;
import io.upsilon.internal.Planner;
import io.upsilon.internal.Upgrader;
import io.upsilon.internal.Validator;
import io.upsilon.spi.LockGrant;
import io.upsilon.spi.TaskRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

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

    /**
     * The data version, the tasks pending for {@code target}, the cluster lock's record and the validation issues, as
     * {@code upsilon status} shows them. Takes no lock and changes nothing.
     */
    public UpsilonStatus status(Version target) {
        Optional<Version> data = dataVersion();
        boolean ahead = data.isPresent() && data.get().isAfter(target);
        // a data version ahead of the software is not something to plan for: this software cannot go there
        List<PlannedTask> pending = ahead ? List.of() : plan(target).steps();
        UpsilonStatus.State state = ahead ? UpsilonStatus.State.AHEAD
                : pending.isEmpty() ? UpsilonStatus.State.UP_TO_DATE : UpsilonStatus.State.PENDING;
        return new UpsilonStatus(data, target, state, pending, config.lock().inspect(), validate().issues());
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
     * a script after it was applied. An upgrade refuses while there are any ({@link #validate()} says why).
     */
    public List<TaskDefinition> checksumDrift() {
        List<ValidationIssue> changed = validate().issues().stream()
                .filter(i -> i.kind() == ValidationIssue.Kind.CHECKSUM_CHANGED).toList();
        return config.manifest().allTasks().stream().filter(t -> changed.stream()
                .anyMatch(i -> i.version().equals(t.version()) && i.task().equals(t.name()))).toList();
    }

    /**
     * Compares the manifest with the history without changing anything or taking a lock, as Flyway's validate does:
     * applied SQL scripts whose checksum changed, tasks added to a version the data has passed (an error unless
     * {@link UpsilonConfig#outOfOrder()}), applied tasks no longer listed, non-transactional tasks left FAILED; and the
     * tasks an upgrade would run now. Reads every applied script.
     */
    public ValidationResult validate() {
        Optional<Version> dataVersion = config.store().dataVersion();
        List<TaskRecord> history = config.store().history();
        Validator validator = upgrader.validator();
        List<ValidationIssue> issues = validator.issues(dataVersion, history);
        List<PlannedTask> pending = new ArrayList<>(validator.outOfOrderSteps(dataVersion, history));
        UpgradePlan plan = new Planner(config.manifest()).planUpgrade(dataVersion, config.softwareVersion(), history);
        pending.addAll(plan.steps());
        return new ValidationResult(dataVersion, issues, pending);
    }

    /**
     * Makes the history agree with the manifest where the operator says it may, as Flyway's repair does: records the
     * current checksum of every applied SQL script that changed, and deletes the FAILED rows of non-transactional
     * tasks (the next upgrade runs them as pending). Runs under the cluster lock, in one fenced transaction. Tasks
     * added to passed versions are left to {@code --out-of-order}.
     *
     * @param dryRun report what would change and change nothing (and take no lock)
     * @throws UpsilonException {@link ErrorCode#LOCK_TIMEOUT} or {@link ErrorCode#FENCED}
     */
    public RepairResult repair(boolean dryRun) {
        if (dryRun) {
            return repairPlan(config.store().history(), true);
        }
        return underLock("repair the history", grant -> {
            RepairResult result = repairPlan(config.store().history(), false);
            if (!result.isEmpty()) {
                Map<Long, String> checksums = new HashMap<>();
                Map<Validator.Key, TaskRecord> latest = Validator.latestRows(config.store().history());
                for (ValidationIssue issue : result.checksums()) {
                    TaskRecord row = latest.get(new Validator.Key(issue.version(), issue.task()));
                    checksums.put(row.id(), issue.currentChecksum().orElseThrow());
                }
                config.store().repair(checksums, result.removedRows().stream().map(TaskRecord::id).toList(),
                        grant.fencingToken());
            }
            return result;
        });
    }

    private RepairResult repairPlan(List<TaskRecord> history, boolean dryRun) {
        List<ValidationIssue> issues = upgrader.validator().issues(config.store().dataVersion(), history);
        List<ValidationIssue> checksums = issues.stream()
                .filter(i -> i.kind() == ValidationIssue.Kind.CHECKSUM_CHANGED).toList();
        Map<Validator.Key, TaskRecord> latest = Validator.latestRows(history);
        List<TaskRecord> failed = issues.stream().filter(i -> i.kind() == ValidationIssue.Kind.FAILED)
                .map(i -> latest.get(new Validator.Key(i.version(), i.task()))).toList();
        return new RepairResult(checksums, failed, dryRun);
    }

    /**
     * Takes over a database whose schema is already at {@code version} without Upsilon: records {@code version} as
     * the data version and every task at or below it as applied (status {@code BASELINE}, never run). Under the
     * cluster lock, in one fenced transaction.
     *
     * @throws UpsilonException {@link ErrorCode#BASELINE_REFUSED} when the store already has Upsilon history,
     *                          {@link ErrorCode#UNKNOWN_VERSION} when {@code version} is not in the manifest
     */
    public BaselineResult baseline(Version version) {
        return underLock("record a baseline", grant -> record(new Baseliner(config.manifest(), config.nodeId(),
                grant.fencingToken()).fromVersion(version), grant));
    }

    /**
     * Takes over a database from another migration tool: maps its history ({@code migrations}, as
     * {@code io.upsilon.postgres.ForeignHistory} reads {@code flyway_schema_history} or {@code DATABASECHANGELOG})
     * onto the manifest and records the equivalent history, so nothing runs twice. The mapping rules are documented
     * on the README's "Coming from Flyway or Liquibase".
     *
     * @throws UpsilonException {@link ErrorCode#BASELINE_REFUSED} naming the row or script that does not match, or
     *                          when the store already has Upsilon history
     */
    public BaselineResult baseline(List<ForeignMigration> migrations) {
        // mapped before taking the lock: a mismatch is refused without touching the database
        new Baseliner(config.manifest(), config.nodeId(), 0).fromForeign(migrations);
        return underLock("record a baseline", grant -> record(new Baseliner(config.manifest(), config.nodeId(),
                grant.fencingToken()).fromForeign(migrations), grant));
    }

    private BaselineResult record(BaselineResult result, LockGrant grant) {
        config.store().baseline(result.rows(), result.dataVersion(), grant.fencingToken());
        config.store().recordManifestDigest(result.dataVersion(), upgrader.validator().digest(result.dataVersion()));
        return result;
    }

    private <T> T underLock(String what, Function<LockGrant, T> work) {
        config.store().prepare();
        LockGrant grant = config.lock().acquire(config.lockWaitTimeout()).orElseThrow(() -> new UpsilonException(
                ErrorCode.LOCK_TIMEOUT, "cannot " + what + ": cluster lock (" + config.lock().kind()
                + ") not acquired within " + config.lockWaitTimeout().toSeconds() + " s; another node is upgrading:"
                + " wait for it, check 'upsilon lock', or raise --lock-timeout"));
        try (grant) {
            return work.apply(grant);
        }
    }
}
