package io.upsilon.reliability.node;

import io.upsilon.UpgradeEvent;
import io.upsilon.UpgradeResult;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.postgres.PostgresSettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One node of a reliability scenario as its own OS process, started by the tests through {@code JavaProcess} with
 * the arguments of {@link NodeOptions}. It warms up (driver loaded, one connection made), prints {@code ARMED},
 * waits at the {@code go} gate, runs {@link Upsilon#upgrade()} and exits 0 with {@code RESULT outcome version}, or
 * with the error's exit code after {@code ERROR code message}. Everything it prints is the {@link Say} protocol.
 */
public final class ScenarioNode {

    /** The events the tests time or look for. */
    private static final Set<UpgradeEvent> ANNOUNCED = EnumSet.of(UpgradeEvent.LOCK_WAITING,
            UpgradeEvent.LOCK_ACQUIRED, UpgradeEvent.LOCK_RELEASED, UpgradeEvent.TASK_RESUMED,
            UpgradeEvent.DONE_ELSEWHERE, UpgradeEvent.UP_TO_DATE);

    /** Exit code of a failure that is not an {@link UpsilonException}: never one the engine uses. */
    static final int UNEXPECTED = 70;

    private ScenarioNode() {
    }

    public static void main(String[] args) {
        try {
            NodeOptions options = NodeOptions.parse(args);
            Slowness.set(options.gate("taskGate"), options.millis("step"), options.millis("tail"));
            Upsilon upsilon = upsilon(options);
            Say.line("ARMED");
            Gate.await(options.gate("go"));
            Say.line("GO " + System.currentTimeMillis());
            UpgradeResult result = upsilon.upgrade();
            Say.line("RESULT " + result.outcome() + " " + result.after().map(Version::toString).orElse("-"));
            System.exit(0);
        } catch (UpsilonException e) {
            Say.line("ERROR " + e.code() + " " + e.getMessage());
            System.exit(e.code().exitCode());
        } catch (Exception | Error e) {
            Say.line("ERROR UNEXPECTED " + e);
            System.exit(UNEXPECTED);
        }
    }

    private static Upsilon upsilon(NodeOptions options) throws Exception {
        String nodeId = options.get("id");
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(options.get("url"));
        ds.setApplicationName("upsilon:" + nodeId);
        // the first connection loads the driver and its classes, which would otherwise stagger the racers
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.execute("SELECT 1");
        }
        PostgresBackend backend = PostgresBackend.create(ds, PostgresSettings.builder()
                .leaseTtl(Duration.ofMillis(options.millis("ttl"))).build());
        Path hold = options.gate("hold");
        return Upsilon.create(UpsilonConfig.builder().manifest(Scenarios.manifest(options.get("manifest")))
                .softwareVersion(Version.parse(options.get("version"))).store(backend.store())
                .lock(backend.lock(LockKind.valueOf(options.get("lock")), nodeId)).nodeId(nodeId)
                .lockWaitTimeout(Duration.ofSeconds(60))
                .callback((event, context) -> {
                    if (ANNOUNCED.contains(event)) {
                        Say.line("EVENT " + event + " " + System.currentTimeMillis() + " " + context.fencingToken());
                    }
                    if (event == UpgradeEvent.LOCK_ACQUIRED) {
                        // the test looks at the database between a takeover and the successor's first step
                        Gate.await(hold);
                    }
                }).build());
    }
}
