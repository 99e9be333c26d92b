package io.upsilon.reliability.node;

import io.upsilon.Manifest;
import io.upsilon.UpgradeResult;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.testsupport.TestDatabase;
import java.time.Duration;

/**
 * The scenario manifests by name, shared by the node processes and the tests: {@code races}, {@code crash-tx},
 * {@code crash-nontx} and {@code pause}.
 */
public final class Scenarios {

    private Scenarios() {
    }

    /** The manifest called {@code name}. */
    public static Manifest manifest(String name) {
        return switch (name) {
            case "races" -> RaceTasks.manifest();
            case "crash-tx" -> CrashTasks.manifest(true);
            case "crash-nontx" -> CrashTasks.manifest(false);
            case "pause" -> PauseTasks.manifest();
            default -> throw new IllegalArgumentException("no scenario manifest named " + name);
        };
    }

    /** The number of steps of the crash tasks, over which a kill is spread. */
    public static int crashSteps() {
        return CrashTasks.STEPS;
    }

    /**
     * Upgrades {@code db} to {@code version} of manifest {@code name} in this JVM as node {@code nodeId}, with no
     * delays: how the tests prepare a round's before state and compute a clean run's after state.
     */
    public static UpgradeResult upgradeInProcess(TestDatabase db, String name, String version, String nodeId) {
        PostgresBackend backend = PostgresBackend.create(db.dataSource("upsilon:" + nodeId));
        return Upsilon.create(UpsilonConfig.builder().manifest(manifest(name)).softwareVersion(Version.parse(version))
                .store(backend.store()).lock(backend.lock(PostgresBackend.LockKind.ADVISORY, nodeId)).nodeId(nodeId)
                .lockWaitTimeout(Duration.ofSeconds(30)).build()).upgrade();
    }
}
