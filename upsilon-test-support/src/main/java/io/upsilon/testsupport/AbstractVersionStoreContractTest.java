package io.upsilon.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.spi.ClusterLock;
import io.upsilon.spi.LockGrant;
import io.upsilon.spi.ReleaseRecord;
import io.upsilon.spi.StoreSession;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import io.upsilon.spi.VersionStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link VersionStore} passes, through a thin subclass that makes a fresh store and the locks
 * that guard it. The probe tables the tests create go through the store's own task connections.
 */
public abstract class AbstractVersionStoreContractTest {

    private static final AtomicInteger PROBES = new AtomicInteger();

    /** A fresh, empty store (its own namespace) and a maker of the lock objects that guard it. */
    protected abstract Fixture newFixture();

    /** A store and its locks by node id. */
    public record Fixture(VersionStore store, Function<String, ClusterLock> locks) {
    }

    private VersionStore store;
    private Function<String, ClusterLock> locks;

    @BeforeEach
    void setUpFixture() {
        Fixture fixture = newFixture();
        store = fixture.store();
        locks = fixture.locks();
    }

    private static TaskRecord record(String version, String task, TaskStatus status, long token) {
        return new TaskRecord(0, Version.parse(version), task, Optional.empty(), status, "node-a", token,
                Instant.now(), Optional.empty(), Optional.empty());
    }

    private static TaskRecord done(TaskRecord r) {
        return r.finish(TaskStatus.SUCCEEDED, Instant.now(), null);
    }

    private static String probeTable() {
        return "probe_" + ProcessHandle.current().pid() + "_" + PROBES.incrementAndGet();
    }

    private static void create(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id int)");
        }
    }

    private boolean tableExists(String table) throws SQLException {
        try (StoreSession session = store.open(false);
             ResultSet rs = session.connection().getMetaData().getTables(null, null, table, null)) {
            return rs.next();
        }
    }

    @Test
    void aFreshStoreHasNoDataVersionAndNoHistoryEvenBeforePrepare() {
        assertThat(store.dataVersion()).isEmpty();
        assertThat(store.history()).isEmpty();
        store.prepare();
        assertThat(store.dataVersion()).isEmpty();
        assertThat(store.history()).isEmpty();
    }

    @Test
    void prepareIsSafeWhenManyNodesCallItAtOnceOnAnEmptyDatabase() throws Exception {
        int nodes = 8;
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                calls.add(pool.submit(() -> {
                    start.await();
                    store.prepare();
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> call : calls) {
                call.get(); // any failure of any node fails the test
            }
        } finally {
            pool.shutdownNow();
        }
        store.prepare();
        assertThat(store.history()).isEmpty();
    }

    @Test
    void aCommitWritesTheTasksWorkItsHistoryRowAndTheBumpTogether() throws Exception {
        store.prepare();
        String table = probeTable();
        TaskRecord committed;
        try (LockGrant grant = locks.apply("node-a").acquire(Duration.ofSeconds(5)).orElseThrow();
             StoreSession session = store.open(true)) {
            create(session.connection(), table);
            committed = session.commit(done(record("1.0", "t1", TaskStatus.RUNNING, grant.fencingToken())),
                    Version.parse("1.0"));
        }
        assertThat(tableExists(table)).isTrue();
        assertThat(store.history()).singleElement().extracting(TaskRecord::id).isEqualTo(committed.id());
        assertThat(store.dataVersion()).contains(Version.parse("1.0"));
        assertThat(store.history()).singleElement().satisfies(r -> {
            assertThat(r.task()).isEqualTo("t1");
            assertThat(r.status()).isEqualTo(TaskStatus.SUCCEEDED);
            assertThat(r.id()).isPositive();
            assertThat(r.duration()).isPresent();
        });
    }

    @Test
    void aCommitWithoutABumpLeavesTheDataVersion() {
        store.prepare();
        try (LockGrant grant = locks.apply("node-a").acquire(Duration.ofSeconds(5)).orElseThrow();
             StoreSession session = store.open(true)) {
            session.commit(done(record("1.0", "t1", TaskStatus.RUNNING, grant.fencingToken())), null);
        }
        assertThat(store.dataVersion()).isEmpty();
        assertThat(store.history()).hasSize(1);
    }

    @Test
    void aStaleTokenIsRefusedAndNothingOfTheTaskIsCommitted() throws Exception {
        store.prepare();
        LockGrant stale = locks.apply("node-a").acquire(Duration.ofSeconds(5)).orElseThrow();
        long staleToken = stale.fencingToken();
        stale.close();
        String table = probeTable();
        try (LockGrant current = locks.apply("node-b").acquire(Duration.ofSeconds(5)).orElseThrow();
             StoreSession session = store.open(true)) {
            assertThat(current.fencingToken()).isGreaterThan(staleToken);
            create(session.connection(), table);
            TaskRecord r = done(record("1.0", "t1", TaskStatus.RUNNING, staleToken));
            assertThatThrownBy(() -> session.commit(r, Version.parse("1.0")))
                    .isInstanceOfSatisfying(UpsilonException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.FENCED))
                    .hasMessageContaining("fencing token " + staleToken);
        }
        assertThat(tableExists(table)).isFalse();
        assertThat(store.dataVersion()).isEmpty();
        assertThat(store.history()).isEmpty();
    }

    @Test
    void aReleasedGrantCanNoLongerCommit() {
        store.prepare();
        LockGrant grant = locks.apply("node-a").acquire(Duration.ofSeconds(5)).orElseThrow();
        grant.close();
        try (StoreSession session = store.open(true)) {
            TaskRecord r = done(record("1.0", "t1", TaskStatus.RUNNING, grant.fencingToken()));
            assertThatThrownBy(() -> session.commit(r, Version.parse("1.0")))
                    .isInstanceOfSatisfying(UpsilonException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.FENCED));
        }
        assertThat(store.dataVersion()).isEmpty();
    }

    @Test
    void aFailureRollsBackTheTasksWorkAndRecordsTheError() throws Exception {
        store.prepare();
        String table = probeTable();
        try (LockGrant grant = locks.apply("node-a").acquire(Duration.ofSeconds(5)).orElseThrow();
             StoreSession session = store.open(true)) {
            create(session.connection(), table);
            session.fail(record("1.0", "t1", TaskStatus.RUNNING, grant.fencingToken())
                    .finish(TaskStatus.FAILED, Instant.now(), "boom"));
        }
        assertThat(tableExists(table)).isFalse();
        assertThat(store.dataVersion()).isEmpty();
        assertThat(store.history()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(r.error()).contains("boom");
        });
    }

    @Test
    void aNonTransactionalTaskGoesFromRunningToSucceededOnOneRow() throws Exception {
        store.prepare();
        String table = probeTable();
        try (LockGrant grant = locks.apply("node-a").acquire(Duration.ofSeconds(5)).orElseThrow();
             StoreSession session = store.open(false)) {
            TaskRecord running = session.recordRunning(record("1.0", "nt", TaskStatus.RUNNING, grant.fencingToken()));
            assertThat(running.id()).isPositive();
            assertThat(store.history()).singleElement().extracting(TaskRecord::status).isEqualTo(TaskStatus.RUNNING);
            create(session.connection(), table); // auto-commit: visible at once
            assertThat(tableExists(table)).isTrue();
            session.commit(done(running), Version.parse("1.0"));
        }
        assertThat(store.history()).singleElement().extracting(TaskRecord::status).isEqualTo(TaskStatus.SUCCEEDED);
        assertThat(store.dataVersion()).contains(Version.parse("1.0"));
    }

    @Test
    void aRunningRowLeftByADeadNodeIsMarkedInterruptedWhenTheTaskStartsAgain() {
        store.prepare();
        try (LockGrant first = locks.apply("node-a").acquire(Duration.ofSeconds(5)).orElseThrow();
             StoreSession session = store.open(false)) {
            session.recordRunning(record("1.0", "nt", TaskStatus.RUNNING, first.fencingToken()));
            // node-a "dies" here: its row stays RUNNING
        }
        try (LockGrant second = locks.apply("node-b").acquire(Duration.ofSeconds(5)).orElseThrow();
             StoreSession session = store.open(false)) {
            TaskRecord again = session.recordRunning(record("1.0", "nt", TaskStatus.RUNNING, second.fencingToken()));
            session.commit(done(again), Version.parse("1.0"));
        }
        assertThat(store.history()).extracting(TaskRecord::status)
                .containsExactly(TaskStatus.INTERRUPTED, TaskStatus.SUCCEEDED);
    }

    @Test
    void completedUpgradesAppendToTheReleaseHistoryInOrder() {
        assertThat(store.releases()).isEmpty();
        store.prepare();
        assertThat(store.releases()).isEmpty();
        store.recordRelease(Version.parse("1.0.0"), Optional.of(Version.parse("1.0.0")), "node-a");
        store.recordRelease(Version.parse("1.0.2"), Optional.of(Version.parse("1.0.1")), "node-b");
        store.recordRelease(Version.parse("0.9"), Optional.empty(), "node-a");
        List<ReleaseRecord> releases = store.releases();
        assertThat(releases).extracting(r -> r.softwareVersion().toString()).containsExactly("1.0.0", "1.0.2", "0.9");
        assertThat(releases).extracting(ReleaseRecord::dataVersion)
                .containsExactly(Optional.of(Version.parse("1.0.0")), Optional.of(Version.parse("1.0.1")),
                        Optional.empty());
        assertThat(releases).extracting(ReleaseRecord::nodeId).containsExactly("node-a", "node-b", "node-a");
        assertThat(releases).extracting(ReleaseRecord::id).isSorted().doesNotHaveDuplicates();
        assertThat(releases).allSatisfy(r -> assertThat(r.recordedAt()).isNotNull());
        assertThat(store.history()).isEmpty(); // the release history is separate from the task history
    }

    @Test
    void aReleaseIsRecordedOnceByManyNodesAndNeverBehindTheLastOne() throws Exception {
        Version release = Version.parse("1.0.2");
        Optional<Version> data = Optional.of(Version.parse("1.0.1"));
        store.prepare();
        store.recordRelease(Version.parse("1.0.1"), data, "node-a");
        int nodes = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(nodes);
        AtomicInteger appended = new AtomicInteger();
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < nodes; i++) {
                String node = "node-" + i;
                calls.add(pool.submit(() -> {
                    start.await();
                    if (store.recordReleaseIfNewer(release, data, node)) {
                        appended.incrementAndGet();
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : calls) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(appended.get()).as("one of %d nodes appends", nodes).isEqualTo(1);
        assertThat(store.recordReleaseIfNewer(Version.parse("1.0.1"), data, "stray")).as("older: no row").isFalse();
        assertThat(store.recordReleaseIfNewer(Version.parse("1.0.2.0"), data, "same")).as("equal: no row").isFalse();
        assertThat(store.releases()).extracting(r -> r.softwareVersion().toString()).containsExactly("1.0.1", "1.0.2");
    }
}
