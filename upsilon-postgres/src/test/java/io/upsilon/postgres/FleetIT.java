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
import java.util.Arrays;
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
 * hundred nodes in one JVM and eight node processes: a serving node holds no connection of its own; each process
 * holds one, the listening session its nodes share (tagged {@code upsilon-listen:PID}, not with a node's id).
 * Through PgBouncer in transaction pooling (lease lock, polling): the fleet shares PgBouncer's pool and holds no
 * server connection of its own.
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
    void aHundredNodesInOneJvmRunTheTaskOnceAndShareOneListeningConnection() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        Nodes.node(db, "setup", manifest()).migrateTo(Version.parse("1.0"));
        // long heartbeat and poll: between them a node holds only what it keeps open, which is what is counted
        startFleet(100, id -> PostgresBackend.create(db.dataSource("upsilon:" + id)), LockKind.ADVISORY,
                PostgresBackend::feed, Duration.ofSeconds(30), Duration.ofSeconds(30));

        assertExactlyOnceAndAllReady(db);
        // backends of connections just closed (start-up reads, READY bookkeeping) take a moment to leave
        // pg_stat_activity: sample until the nodes' own sessions are gone
        long[] held = sampleUntilNodesHoldNone(db, "upsilon:n%");
        System.out.printf("FleetIT: 100 nodes READY, connections held: %d of the nodes' own, %d listening, %d in"
                + " all%n", held[0], held[1], held[2]);
        assertThat(held[0]).as("connections held by the nodes themselves").isZero();
        assertThat(held[1]).as("listening sessions of the process").isEqualTo(1);
        assertThat(held[2]).as("connections held by the fleet").isEqualTo(1);
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
            long[] held = sampleUntilNodesHoldNone(db, "upsilon:p%");
            System.out.printf("FleetIT: 8 node processes READY, connections held: %d of the nodes' own, %d listening,"
                    + " %d in all%n", held[0], held[1], held[2]);
            assertThat(held[0]).as("connections held by the nodes themselves").isZero();
            assertThat(held[1]).as("listening sessions, one per process").isEqualTo(8);
            assertThat(held[2]).as("connections held by the 8 processes").isEqualTo(8);
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
     * Samples {@code pg_stat_activity} (up to 200 times, 50 ms apart) until no session carries a node's tag
     * ({@code nodeTags}, a LIKE pattern) and every session is a shared listener's, and returns the last sample: sessions tagged by a node, shared listening
     * sessions ({@code upsilon-listen:PID}), and all client sessions on the database but the sampler's. One query, so
     * the three are counted in one snapshot.
     */
    private static long[] sampleUntilNodesHoldNone(TestDatabase db, String nodeTags) throws InterruptedException {
        long[] held = null;
        // a session being opened (a heartbeat's) has no application_name yet: it counts only in the total
        for (int attempt = 0; attempt < 200 && (held == null || held[0] > 0 || held[2] > held[1]); attempt++) {
            if (held != null) {
                Thread.sleep(50);
            }
            String all = (String) db.queryOne("SELECT count(*) FILTER (WHERE application_name LIKE '" + nodeTags
                    + "') || ',' || count(*) FILTER (WHERE application_name LIKE 'upsilon-listen:%') || ',' || count(*)"
                    + " FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    + " AND backend_type = 'client backend'");
            held = Arrays.stream(all.split(",")).mapToLong(Long::parseLong).toArray();
        }
        return held;
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
