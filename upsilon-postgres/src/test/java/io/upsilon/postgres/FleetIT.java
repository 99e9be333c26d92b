package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.Manifest;
import io.upsilon.NodeState;
import io.upsilon.TaskContext;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.postgres.process.ReadinessNodeMain;
import io.upsilon.spi.ChangeFeed;
import io.upsilon.testsupport.JavaProcess;
import io.upsilon.testsupport.PgBouncerFixture;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many nodes of one new version start at once against one database: the task runs exactly once, every node gets
 * READY, and the connections they hold are counted in {@code pg_stat_activity}. Directly (advisory lock, LISTEN), a
 * hundred nodes in one JVM and eight node processes: one connection per node, its listener. Through PgBouncer in transaction pooling (lease lock, polling): the fleet
 * shares PgBouncer's pool and holds no server connection of its own.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class FleetIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private final List<UpsilonNode> started = new ArrayList<>();

    /** The 1.1 task: one row on the task's own connection (so it commits with the task or not at all), then a pause. */
    public static final class CountedTask extends BaseUpgradeTask {
        @Override
        public void execute(TaskContext context) throws Exception {
            Tasks.run(context, "INSERT INTO runs VALUES (now())");
            Thread.sleep(300);
        }
    }

    private static Manifest manifest() {
        return Tasks.manifest(Tasks.sql("1.0", "create", "CREATE TABLE runs (at timestamptz)"),
                Tasks.of("1.1", "counted", new CountedTask()));
    }

    @AfterEach
    void stopNodes() {
        started.forEach(UpsilonNode::close);
    }

    @Test
    void aHundredNodesInOneJvmRunTheTaskOnceAndHoldOneConnectionEach() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        Nodes.node(db, "setup", manifest()).migrateTo(Version.parse("1.0"));
        // long heartbeat and poll: between them a node holds only what it keeps open, which is what is counted
        startFleet(100, id -> PostgresBackend.create(db.dataSource("upsilon:" + id)), LockKind.ADVISORY,
                PostgresBackend::feed, Duration.ofSeconds(30), Duration.ofSeconds(30));

        assertExactlyOnceAndAllReady(db);
        // backends of connections just closed (start-up reads) may take a moment to leave pg_stat_activity
        long most = 0;
        long total = 0;
        for (int attempt = 0; attempt < 50; attempt++) {
            long[] held = held(db, "upsilon:n%");
            most = held[0];
            total = held[1];
            if (most <= 1) {
                break;
            }
            Thread.sleep(100);
        }
        System.out.printf("FleetIT: 100 nodes READY, connections held: %d in all, at most %d per node%n", total,
                most);
        assertThat(most).as("connections held by one node").isEqualTo(1);
        assertThat(total).as("connections held by the fleet").isEqualTo(100);
    }

    @Test
    void eightNodeProcessesRunTheTaskOnceAndHoldOneConnectionEach(@TempDir Path dir) throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        Nodes.node(db, "setup", ReadinessNodeMain.manifest()).migrateTo(Version.parse("1.0"));
        Path gate = Files.writeString(dir.resolve("open"), "go"); // the 1.1 task finishes at once
        List<JavaProcess> processes = new ArrayList<>();
        try {
            for (int i = 0; i < 8; i++) {
                processes.add(JavaProcess.start(ReadinessNodeMain.class, db.jdbcUrl(), "p" + i, "1.1",
                        gate.toString()));
            }
            for (JavaProcess p : processes) {
                assertThat(p.awaitLine("STATE READY", WAIT)).as("a node process READY:\n%s", p.output()).isPresent();
            }
            assertThat(db.queryOne("SELECT count(*) FROM upsilon_history WHERE task = 'quote'")).isEqualTo(1L);
            // a heartbeat (every 300 ms) opens a connection for one statement: sample until none is in flight
            long most = Long.MAX_VALUE;
            long total = 0;
            for (int attempt = 0; attempt < 100 && most > 1; attempt++) {
                long[] held = held(db, "upsilon:p%");
                most = held[0];
                total = held[1];
                Thread.sleep(50);
            }
            System.out.printf("FleetIT: 8 node processes READY, connections held: %d in all, at most %d per node%n",
                    total, most);
            assertThat(most).as("connections held by one node process").isEqualTo(1);
            assertThat(total).as("connections held by the 8 processes").isEqualTo(8);
        } finally {
            processes.forEach(JavaProcess::close);
        }
    }

    @Test
    void aFleetThroughPgBouncerInTransactionModeWithTheLeaseLockAndPolling() throws Exception {
        Optional<String> why = PgBouncerFixture.unavailable();
        if (why.isPresent()) {
            System.out.println("FleetIT: skipped the PgBouncer case: " + why.get());
        }
        Assumptions.assumeTrue(why.isEmpty(), () -> "PgBouncer not available: " + why.orElse(""));
        TestDatabase db = PostgresFixture.newDatabase();
        Nodes.node(db, "setup", manifest()).migrateTo(Version.parse("1.0"));
        int nodes = 2 * PgBouncerFixture.POOL_SIZE;
        startFleet(nodes, id -> PostgresBackend.create(PgBouncerFixture.dataSource(db, "upsilon:" + id)),
                LockKind.LEASE, PostgresBackend::pollingFeed, Duration.ofMillis(500), Duration.ofMillis(200));

        assertExactlyOnceAndAllReady(db);
        long server = (Long) db.queryOne("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND pid <> pg_backend_pid()");
        System.out.printf("FleetIT: %d nodes READY through PgBouncer; server connections to the database: %d%n",
                nodes, server);
        assertThat(server).as("server connections, PgBouncer's pool").isLessThanOrEqualTo(PgBouncerFixture.POOL_SIZE);
    }

    /**
     * The most connections one node holds and all the nodes' connections, in one snapshot of {@code pg_stat_activity}
     * (two queries could see a heartbeat's connection in one and not the other).
     */
    private static long[] held(TestDatabase db, String tag) {
        String both = (String) db.queryOne("SELECT coalesce(max(n), 0) || ',' || coalesce(sum(n), 0) FROM (SELECT"
                + " count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE '"
                + tag + "' GROUP BY application_name) c");
        String[] parts = both.split(",");
        return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    }

    private void startFleet(int count, Function<String, PostgresBackend> backends, LockKind lock,
                            Function<PostgresBackend, ChangeFeed> feed, Duration heartbeat, Duration poll) {
        for (int i = 0; i < count; i++) {
            String id = "n" + i;
            PostgresBackend backend = backends.apply(id);
            started.add(UpsilonNode.builder(Nodes.config(backend, lock, id, manifest()).build())
                    .registry(backend.nodes()).feed(feed.apply(backend))
                    .heartbeat(heartbeat).ttl(heartbeat.multipliedBy(3)).pollInterval(poll)
                    .failureBackoff(Duration.ofMillis(200))
                    .build().start());
        }
    }

    private void assertExactlyOnceAndAllReady(TestDatabase db) throws InterruptedException {
        for (UpsilonNode node : started) {
            assertThat(node.awaitState(NodeState.READY, WAIT)).as("a node READY").isTrue();
        }
        assertThat(db.queryOne("SELECT count(*) FROM runs")).isEqualTo(1L);
        assertThat(db.queryOne("SELECT count(*) FROM upsilon_history WHERE task = 'counted' AND status = 'SUCCEEDED'"))
                .isEqualTo(1L);
        assertThat(db.queryOne("SELECT version FROM upsilon_data_version")).isEqualTo("1.1");
    }
}
