package io.upsilon.postgres.process;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.Manifest;
import io.upsilon.NodeState;
import io.upsilon.TaskContext;
import io.upsilon.TaskDefinition;
import io.upsilon.UpgradeEvent;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonException;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A service node as its own process, for the readiness test. Arguments: JDBC URL, node id, software version, and a
 * file whose appearance lets the 1.1 task finish. Prints {@code STATE name epochMillis}, {@code TASK name},
 * {@code BUMP version epochMillis}, {@code IN_GATED} and, once fenced, {@code GUARD code} from its write guard. Runs
 * until killed.
 */
public final class ReadinessNodeMain {

    private ReadinessNodeMain() {
    }

    static Path gateFile;

    /** The 1.1 task: adds a column, then waits for the gate file. */
    public static final class GatedTask extends BaseUpgradeTask {
        @Override
        public void execute(TaskContext context) throws Exception {
            try (Statement s = context.connection().createStatement()) {
                s.execute("ALTER TABLE accounts ADD COLUMN quote_id text");
            }
            System.out.println("IN_GATED");
            while (!Files.exists(gateFile)) {
                Thread.sleep(20);
            }
        }
    }

    public static Manifest manifest() {
        return Manifest.of("readiness", List.of(
                TaskDefinition.of(Version.parse("1.0"), "create", () -> new BaseUpgradeTask() {
                    @Override
                    public void execute(TaskContext context) throws Exception {
                        try (Statement s = context.connection().createStatement()) {
                            s.execute("CREATE TABLE accounts (id int)");
                        }
                    }
                }),
                TaskDefinition.of(Version.parse("1.1"), "quote", GatedTask::new)));
    }

    public static void main(String[] args) throws Exception {
        String nodeId = args[1];
        gateFile = Path.of(args[3]);
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(args[0]);
        ds.setApplicationName("upsilon:" + nodeId);
        PostgresBackend backend = PostgresBackend.create(ds);
        Version software = Version.parse(args[2]);
        UpsilonConfig config = UpsilonConfig.builder().manifest(manifest()).softwareVersion(software)
                .store(backend.store()).lock(backend.lock(PostgresBackend.LockKind.ADVISORY, nodeId)).nodeId(nodeId)
                .callback((event, context) -> {
                    long now = System.currentTimeMillis();
                    if (event == UpgradeEvent.STATE_CHANGED) {
                        System.out.println("STATE " + context.state().orElseThrow() + " " + now);
                    } else if (event == UpgradeEvent.BEFORE_TASK) {
                        System.out.println("TASK " + context.task().orElseThrow());
                    } else if (event == UpgradeEvent.VERSION_CHANGED) {
                        System.out.println("BUMP " + context.version().orElseThrow() + " " + now);
                    }
                }).build();
        UpsilonNode node = UpsilonNode.builder(config).registry(backend.nodes()).feed(backend.feed())
                .heartbeat(Duration.ofMillis(300)).ttl(Duration.ofSeconds(3)).pollInterval(Duration.ofSeconds(5))
                .build().start();
        node.awaitState(NodeState.FENCED, Duration.ofMinutes(5));
        try {
            node.checkWritable();
            System.out.println("GUARD allowed");
        } catch (UpsilonException e) {
            System.out.println("GUARD " + e.code());
        }
        Thread.sleep(Long.MAX_VALUE);
    }
}
