package io.upsilon.postgres;

import static io.upsilon.postgres.Nodes.node;
import static io.upsilon.postgres.Nodes.v;
import static io.upsilon.postgres.Tasks.sql;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.UpgradeEvent;
import io.upsilon.UpgradeResult;
import io.upsilon.UpgradeResult.Outcome;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonException;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.spi.LockGrant;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The upgrade engine on a real PostgreSQL: order, bumps, fast path, failure, rollback, downgrade. */
class UpgradeIT {

    private TestDatabase db;
    private final List<UpgradeEvent> events = new CopyOnWriteArrayList<>();

    private final Manifest manifest = Tasks.manifest(
            sql("1.0.0", "create-transfers", "CREATE TABLE transfers (id bigint PRIMARY KEY, amount numeric)",
                    "DROP TABLE transfers"),
            sql("1.0.1", "add-quote-id", "ALTER TABLE transfers ADD COLUMN quote_id text",
                    "ALTER TABLE transfers DROP COLUMN quote_id"),
            sql("1.0.1", "seed", "INSERT INTO transfers VALUES (1, 10, 'q1')", "DELETE FROM transfers WHERE id = 1"),
            sql("2.0.0", "not-null", "UPDATE transfers SET quote_id = 'none' WHERE quote_id IS NULL;"
                    + " ALTER TABLE transfers ALTER COLUMN quote_id SET NOT NULL"));

    @BeforeEach
    void freshDatabase() {
        db = PostgresFixture.newDatabase();
    }

    private Upsilon node(String id, Manifest m) {
        return Nodes.node(db, id, m, (event, context) -> events.add(event));
    }

    @Test
    void runsEveryVersionInOrderAndRecordsWhoRanWhat() {
        UpgradeResult result = node("a", manifest).upgrade();
        assertThat(result.outcome()).isEqualTo(Outcome.UPGRADED);
        assertThat(result.before()).isEmpty();
        assertThat(result.after()).contains(v("2.0.0"));
        assertThat(result.tasks()).extracting(TaskRecord::task)
                .containsExactly("create-transfers", "add-quote-id", "seed", "not-null");
        assertThat(db.queryOne("SELECT version FROM upsilon_data_version")).isEqualTo("2.0.0");
        List<TaskRecord> history = node("b", manifest).history();
        assertThat(history).extracting(TaskRecord::status).containsOnly(TaskStatus.SUCCEEDED);
        assertThat(history).extracting(TaskRecord::nodeId).containsOnly("a");
        assertThat(history).extracting(TaskRecord::fencingToken).containsOnly(result.tasks().get(0).fencingToken());
        assertThat(events).containsSubsequence(UpgradeEvent.LOCK_ACQUIRED, UpgradeEvent.BEFORE_TASK,
                UpgradeEvent.AFTER_TASK, UpgradeEvent.VERSION_CHANGED, UpgradeEvent.UPGRADE_COMPLETED,
                UpgradeEvent.LOCK_RELEASED);
    }

    @Test
    void upgradesStepBySoftwareVersion() {
        Upsilon old = Upsilon.create(Nodes.config(PostgresBackend.create(db.dataSource()), LockKind.ADVISORY, "old",
                manifest).softwareVersion(v("1.0.5")).build());
        assertThat(old.upgrade().after()).contains(v("1.0.1"));
        UpgradeResult next = node("new", manifest).upgrade();
        assertThat(next.before()).contains(v("1.0.1"));
        assertThat(next.tasks()).extracting(TaskRecord::task).containsExactly("not-null");
        assertThat(old.upgrade().outcome()).isEqualTo(Outcome.DATA_AHEAD);
    }

    @Test
    void theFastPathIsOneReadAndTakesNoLock() {
        node("a", manifest).upgrade();
        PostgresBackend backend = PostgresBackend.create(db.dataSource());
        try (LockGrant held = backend.lock(LockKind.ADVISORY, "someone-else").acquire(Duration.ofSeconds(5))
                .orElseThrow()) {
            // with the lock held elsewhere and no patience at all, only a lock-free check can succeed
            Upsilon impatient = Upsilon.create(Nodes.config(backend, LockKind.ADVISORY, "b", manifest)
                    .lockWaitTimeout(Duration.ZERO).build());
            UpgradeResult result = impatient.upgrade();
            assertThat(result.outcome()).isEqualTo(Outcome.UP_TO_DATE);
            assertThat(result.lockTaken()).isFalse();
            assertThat(held.isHeld()).isTrue();
        }
    }

    @Test
    void aNodeThatCannotGetTheLockInTimeFailsWithLockTimeout() {
        PostgresBackend backend = PostgresBackend.create(db.dataSource());
        try (LockGrant held = backend.lock(LockKind.ADVISORY, "holder").acquire(Duration.ofSeconds(5)).orElseThrow()) {
            Upsilon waiting = Upsilon.create(Nodes.config(backend, LockKind.ADVISORY, "b", manifest)
                    .lockWaitTimeout(Duration.ofMillis(200)).build());
            assertThatThrownBy(waiting::upgrade).isInstanceOfSatisfying(UpsilonException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.LOCK_TIMEOUT);
                assertThat(e.code().exitCode()).isEqualTo(3);
            }).hasMessageContaining("upsilon lock");
        }
        assertThat(node("c", manifest).dataVersion()).isEmpty();
    }

    @Test
    void aFailingSqlTaskLeavesTheSchemaExactlyAsBeforeAndTheDataVersionUnchanged() {
        Manifest first = Tasks.manifest(sql("1.0.0", "create", "CREATE TABLE t (id int)"));
        node("a", first).upgrade();
        String before = db.schemaDump();
        Manifest broken = Tasks.manifest(sql("1.0.0", "create", "CREATE TABLE t (id int)"),
                sql("1.1.0", "good-ddl", "CREATE TABLE u (id int); CREATE INDEX u_id ON u (id);"
                        + " ALTER TABLE t ADD COLUMN extra text"),
                sql("1.1.0", "broken", "ALTER TABLE t ADD COLUMN more text; SELECT * FROM no_such_table"));
        assertThatThrownBy(() -> node("b", broken).upgrade())
                .isInstanceOfSatisfying(UpsilonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_FAILED))
                .hasMessageContaining("task broken of version 1.1.0 failed")
                .hasMessageContaining("no_such_table")
                .hasMessageContaining("data version stays at 1.0.0");
        // each task commits on its own: good-ddl stays, broken left nothing
        assertThat(node("c", broken).dataVersion()).contains(v("1.0.0"));
        assertThat(node("c", broken).history()).extracting(TaskRecord::task, TaskRecord::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("create", TaskStatus.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("good-ddl", TaskStatus.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("broken", TaskStatus.FAILED));
        assertThat(events).contains(UpgradeEvent.TASK_FAILED);
        assertThat(db.queryOne("SELECT count(*) FROM information_schema.columns WHERE column_name = 'more'"))
                .isEqualTo(0L);
        assertThat(before).isNotEqualTo(db.schemaDump()); // good-ddl did commit
        // a failing first task of a version leaves the schema byte-for-byte as before
        String atOneOne = db.schemaDump();
        Manifest brokenAgain = Tasks.manifest(sql("1.0.0", "create", "CREATE TABLE t (id int)"),
                sql("1.1.0", "good-ddl", "SELECT 1"), sql("1.1.0", "broken", "SELECT 1"),
                sql("1.2.0", "half", "CREATE TABLE v (id int); ALTER TABLE t DROP COLUMN extra;"
                        + " CREATE INDEX t_id ON t (id); SELECT 1/0"));
        assertThatThrownBy(() -> node("d", brokenAgain).upgrade()).isInstanceOf(UpsilonException.class)
                .hasMessageContaining("division by zero");
        assertThat(db.schemaDump()).isEqualTo(atOneOne);
        assertThat(node("e", brokenAgain).dataVersion()).contains(v("1.1.0"));
    }

    @Test
    void theNextRunResumesAfterTheLastCommittedTask() {
        Manifest broken = Tasks.manifest(sql("1.0.0", "a", "CREATE TABLE a (id int)"),
                sql("1.0.0", "b", "SELECT * FROM missing"));
        assertThatThrownBy(() -> node("x", broken).upgrade()).isInstanceOf(UpsilonException.class);
        Manifest fixed = Tasks.manifest(sql("1.0.0", "a", "CREATE TABLE a (id int)"),
                sql("1.0.0", "b", "CREATE TABLE missing (id int)"));
        UpgradeResult result = node("y", fixed).upgrade();
        assertThat(result.tasks()).extracting(TaskRecord::task).containsExactly("b");
        assertThat(result.after()).contains(v("1.0.0"));
    }

    @Test
    void migratingToAVersionTheManifestDoesNotKnowIsRefused() {
        assertThatThrownBy(() -> node("a", manifest).migrateTo(v("9.9")))
                .isInstanceOfSatisfying(UpsilonException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_VERSION))
                .hasMessageContaining("9.9");
        assertThat(node("b", manifest).dataVersion()).isEmpty();
    }

    @Test
    void aFailingNonTransactionalTaskSaysWhatItLeftBehind() {
        Manifest m = Tasks.manifest(Tasks.nonTransactional("1.0", "backfill",
                "CREATE TABLE batch (id int); SELECT * FROM missing"));
        assertThatThrownBy(() -> node("a", m).upgrade()).hasMessageContaining("not transactional")
                .hasMessageContaining("runs again next time");
    }

    @Test
    void downgradeWithRollbacksUndoesNewestFirst() {
        Manifest reversible = Tasks.manifest(manifest.allTasks().subList(0, 3).toArray(io.upsilon.TaskDefinition[]::new));
        node("a", reversible).upgrade();
        UpgradeResult down = node("b", reversible).migrateTo(v("1.0.0"));
        assertThat(down.outcome()).isEqualTo(Outcome.DOWNGRADED);
        assertThat(down.tasks()).extracting(TaskRecord::task).containsExactly("seed", "add-quote-id");
        assertThat(down.tasks()).extracting(TaskRecord::status).containsOnly(TaskStatus.ROLLED_BACK);
        assertThat(node("c", reversible).dataVersion()).contains(v("1.0.0"));
        assertThat(db.queryOne("SELECT count(*) FROM information_schema.columns WHERE column_name = 'quote_id'"))
                .isEqualTo(0L);
        // and forward again: the rolled-back tasks run once more
        assertThat(node("d", reversible).upgrade().tasks()).extracting(TaskRecord::task)
                .containsExactly("add-quote-id", "seed");
    }

    @Test
    void downgradeAcrossATaskWithoutRollbackIsRefusedAndChangesNothing() {
        node("a", manifest).upgrade();
        String before = db.schemaDump();
        assertThatThrownBy(() -> node("b", manifest).migrateTo(v("1.0.1")))
                .isInstanceOfSatisfying(UpsilonException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.DOWNGRADE_REFUSED))
                .hasMessageContaining("task not-null of version 2.0.0 has no rollback");
        assertThat(db.schemaDump()).isEqualTo(before);
        assertThat(node("c", manifest).dataVersion()).contains(v("2.0.0"));
    }

    @Test
    void aConnectionLostMidTaskFailsCleanlyAndTheNextRunCompletes() {
        Manifest dying = Tasks.manifest(sql("1.0.0", "create", "CREATE TABLE t (id int)"),
                sql("1.1.0", "dies", "CREATE TABLE half (id int); SELECT pg_terminate_backend(pg_backend_pid())"));
        assertThatThrownBy(() -> node("a", dying).upgrade())
                .isInstanceOfSatisfying(UpsilonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_FAILED))
                .hasMessageContaining("task dies of version 1.1.0 failed");
        assertThat(db.queryOne("SELECT count(*) FROM pg_tables WHERE tablename = 'half'")).isEqualTo(0L);
        assertThat(node("b", dying).dataVersion()).contains(v("1.0.0"));
        Manifest fixed = Tasks.manifest(sql("1.0.0", "create", "CREATE TABLE t (id int)"),
                sql("1.1.0", "dies", "CREATE TABLE half (id int)"));
        assertThat(node("c", fixed).upgrade().after()).contains(v("1.1.0"));
    }
}
