package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.TaskContext;
import io.upsilon.UpgradeResult;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonException;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A holder that lost its lock while inside a task (session killed, lease expired) must not commit: its fencing
 * token is refused and the node that took over does the work once.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FencingIT {

    private TestDatabase db;

    /** Inserts its node id, then (for the stale holder) waits until the test lets it go on to commit. */
    static final class GatedTask extends BaseUpgradeTask {
        private final CountDownLatch entered;
        private final CountDownLatch proceed;

        GatedTask(CountDownLatch entered, CountDownLatch proceed) {
            this.entered = entered;
            this.proceed = proceed;
        }

        @Override
        public void execute(TaskContext context) throws Exception {
            Tasks.run(context, "INSERT INTO runs VALUES ('" + context.nodeId() + "', " + context.fencingToken() + ")");
            entered.countDown();
            proceed.await();
        }
    }

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        db.execute("CREATE TABLE runs (node text, token bigint)");
    }

    private Upsilon node(String id, LockKind kind, CountDownLatch entered, CountDownLatch proceed) {
        Manifest manifest = Tasks.manifest(Tasks.of("1.0", "gated", new GatedTask(entered, proceed)));
        PostgresBackend backend = PostgresBackend.create(db.dataSource("upsilon:" + id),
                PostgresSettings.builder().leaseTtl(Duration.ofSeconds(2)).build());
        return Upsilon.create(Nodes.config(backend, kind, id, manifest).build());
    }

    private void assertStaleHolderFencedAndTakeoverCommitted(LockKind kind, Runnable loseTheLock) throws Exception {
        CountDownLatch staleEntered = new CountDownLatch(1);
        CountDownLatch staleProceed = new CountDownLatch(1);
        CompletableFuture<UpgradeResult> stale = CompletableFuture.supplyAsync(
                () -> node("stale", kind, staleEntered, staleProceed).upgrade());
        assertThat(staleEntered.await(20, TimeUnit.SECONDS)).isTrue();
        loseTheLock.run();

        CountDownLatch open = new CountDownLatch(0);
        UpgradeResult takeover = node("takeover", kind, new CountDownLatch(1), open).upgrade();
        assertThat(takeover.after()).hasValueSatisfying(v -> assertThat(v).hasToString("1.0"));

        staleProceed.countDown();
        assertThat(stale).failsWithin(Duration.ofSeconds(20)).withThrowableOfType(ExecutionException.class)
                .havingCause().isInstanceOfSatisfying(UpsilonException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.FENCED));
        assertThat(db.queryOne("SELECT string_agg(node, ',') FROM runs")).isEqualTo("takeover");
        assertThat(node("observer", kind, new CountDownLatch(1), open).history())
                .singleElement().satisfies(r -> {
                    assertThat(r.nodeId()).isEqualTo("takeover");
                    assertThat(r.status()).isEqualTo(TaskStatus.SUCCEEDED);
                    assertThat(r.fencingToken()).isGreaterThan(1);
                });
    }

    @Test
    void advisoryHolderWhoseSessionWasKilledCannotCommit() throws Exception {
        assertStaleHolderFencedAndTakeoverCommitted(LockKind.ADVISORY, () -> db.execute(
                "SELECT pg_terminate_backend(holder_pid) FROM upsilon_lock WHERE holder = 'stale'"));
    }

    @Test
    void leaseHolderWhoseLeaseRanOutCannotCommit() throws Exception {
        // as if the holder had been paused past its lease: the row expires on database time
        assertStaleHolderFencedAndTakeoverCommitted(LockKind.LEASE, () -> db.execute(
                "UPDATE upsilon_lock SET expires_at = now() - interval '1 second' WHERE holder = 'stale'"));
    }

    @Test
    void theStoreRecordsWhichTokenEachTaskRanUnder() {
        CountDownLatch open = new CountDownLatch(0);
        UpgradeResult result = node("a", LockKind.LEASE, new CountDownLatch(1), open).upgrade();
        TaskRecord record = result.tasks().get(0);
        assertThat(db.queryOne("SELECT token FROM runs")).isEqualTo(record.fencingToken());
    }
}
