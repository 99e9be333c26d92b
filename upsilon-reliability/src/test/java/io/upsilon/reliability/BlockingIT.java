package io.upsilon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.TaskContext;
import io.upsilon.TaskDefinition;
import io.upsilon.UpgradeEvent;
import io.upsilon.UpgradeResult;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.postgres.PostgresSettings;
import io.upsilon.reliability.faults.AppLoad;
import io.upsilon.reliability.faults.Node;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.Seeds;
import io.upsilon.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Blocking: an application session sits idle in a transaction that read {@code accounts} (holding ACCESS SHARE)
 * while an upgrade task runs {@code ALTER TABLE accounts ...}, which needs ACCESS EXCLUSIVE and, while it waits,
 * queues every later query on the table behind it. Application threads keep reading the table throughout.
 *
 * <p>Each round has two phases. Blocked: the reader never ends, so every attempt of the task must give up at the
 * engine's {@code lock_timeout} and the upgrade must fail with an error naming the lock timeout. Released: the reader
 * ends at a random moment after the task's first retry, and the upgrade must complete. In both, no attempt and no
 * application query may wait much longer than {@code lock_timeout}. Short: 2 rounds; long: 25.
 * The random delays come from the printed seed; {@code -Dupsilon.seed=N} repeats them.
 */
@ExtendWith(Seeds.Report.class)
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BlockingIT {

    private static final Duration LOCK_TIMEOUT = Duration.ofMillis(500);
    /**
     * Slack on top of {@code lock_timeout} for a wait that the timeout cuts short: the server's timer fires, the
     * ALTER's transaction aborts, the queued queries are granted and their answers reach a JVM thread on a shared,
     * loaded 2-core machine. Waits unbounded by lock_timeout would last the reader's whole life (seconds).
     */
    private static final Duration MARGIN = Duration.ofSeconds(1);
    /** Far beyond the blocked phase's 3 attempts of lock_timeout plus backoff: a wait this long is unbounded. */
    private static final Duration UNBOUNDED = Duration.ofSeconds(30);
    private static final int ROWS = 1_000;
    private static final int BLOCKED_ATTEMPTS = 3;
    /**
     * Enough attempts (backoff 100 ms doubling) to outlast a reader that ends within {@link #RELEASE_WITHIN_MILLIS} of
     * the first retry.
     */
    private static final int RELEASED_ATTEMPTS = 8;
    private static final int RELEASE_WITHIN_MILLIS = 1_500;

    private final long seed = Seeds.seed();
    private final Random random = new Random(seed);
    private final Map<String, Integer> outcomes = new TreeMap<>();
    private final AtomicLong maxAttemptMillis = new AtomicLong();
    private long maxAppWaitMillis;
    private long appQueries;

    @Test
    void aTaskBlockedByAnIdleReaderGivesUpAtLockTimeoutAndTheApplicationKeepsGoing() throws Exception {
        Tally t = Tally.of("blocking");
        int rounds = Scale.rounds(2, 25);
        for (int round = 0; round < rounds; round++) {
            t.run();
            round(t, "round " + round + " (seed " + seed + ")");
        }
        t.figure("task outcomes", outcomes);
        t.figure("lock_timeout", LOCK_TIMEOUT.toMillis() + " ms");
        t.figure("max task attempt", maxAttemptMillis.get() + " ms");
        t.figure("max app query wait", maxAppWaitMillis + " ms");
        t.figure("app queries", appQueries);
        t.figure("seed", seed);
        t.report();
        assertThat(t.violations()).isEmpty();
    }

    private void round(Tally t, String label) throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        db.execute("CREATE TABLE accounts (id int PRIMARY KEY, balance bigint NOT NULL);"
                + " INSERT INTO accounts SELECT i, i * 10 FROM generate_series(1, " + ROWS + ") i");
        try (AppLoad app = AppLoad.start(db.dataSource("app"), 2, ROWS);
             Connection reader = db.dataSource("app-idle-reader").getConnection()) {
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement()) {
                s.executeQuery("SELECT count(*) FROM accounts").close(); // now idle in transaction, ACCESS SHARE held
            }
            blocked(t, db, reader, label);
            released(t, db, reader, label);
            app.close();
            t.check(maxAttemptMillis.get() <= LOCK_TIMEOUT.plus(MARGIN).toMillis(), label + ": a task attempt took "
                    + maxAttemptMillis.get() + " ms (lock_timeout " + LOCK_TIMEOUT.toMillis() + " ms)");
            t.check(app.errors().isEmpty(), label + ": application queries failed: " + app.errors());
            t.check(app.queries() > 0, label + ": the application threads ran no query");
            appQueries += app.queries();
            maxAppWaitMillis = Math.max(maxAppWaitMillis, app.maxWaitMillis());
            t.check(app.maxWaitMillis() <= LOCK_TIMEOUT.plus(MARGIN).toMillis(), label + ": an application query"
                    + " waited " + app.maxWaitMillis() + " ms behind the queued ALTER (lock_timeout "
                    + LOCK_TIMEOUT.toMillis() + " ms)");
        }
    }

    /**
     * The reader never lets go: every attempt gives up at lock_timeout, and the upgrade fails saying why. Should the
     * task wait unbounded instead, a watchdog ends the reader after {@link #UNBOUNDED} so that the run reports it.
     */
    private void blocked(Tally t, TestDatabase db, Connection reader, String label) throws Exception {
        CompletableFuture<UpgradeResult> upgrade = CompletableFuture.supplyAsync(
                () -> node(db, "blocked", BLOCKED_ATTEMPTS, () -> { }).upgrade());
        try {
            UpgradeResult r = upgrade.get(UNBOUNDED.toSeconds(), TimeUnit.SECONDS);
            t.violation(label + ": the ALTER ran (" + r.outcome() + ") although a reader held the table");
            outcome("blocked: " + r.outcome());
        } catch (TimeoutException e) {
            outcome("blocked: still waiting after " + UNBOUNDED.toSeconds() + " s");
            t.violation(label + ": the task waited for the reader for more than " + UNBOUNDED.toSeconds() + " s");
            reader.rollback();
            upgrade.handle((r, x) -> r).get(UNBOUNDED.toSeconds(), TimeUnit.SECONDS);
            return;
        } catch (ExecutionException x) {
            if (!(x.getCause() instanceof UpsilonException e)) {
                throw x;
            }
            outcome("blocked: " + e.code() + " after " + BLOCKED_ATTEMPTS + " attempts");
            t.check(e.code() == ErrorCode.TASK_FAILED, label + ": blocked upgrade failed with " + e.code());
            t.check(e.getMessage().contains("lock timeout") && e.getMessage().contains("after " + BLOCKED_ATTEMPTS
                    + " attempts"), label + ": the error does not say the task gave up at the lock timeout: "
                    + e.getMessage());
            t.check(e.getMessage().contains("lock_timeout (" + LOCK_TIMEOUT.toMillis() + " ms)")
                    && e.getMessage().contains("idle in transaction"),
                    label + ": the error gives no remedy for the lock wait: " + e.getMessage());
        }
        t.check(db.queryOne("SELECT version FROM upsilon_data_version") == null, label
                + ": a data version was recorded by the failed upgrade");
        t.check(noteColumns(db) == 0, label + ": the failed ALTER left its column behind");
    }

    /** The reader ends at a random moment after the task's first retry: the upgrade then completes. */
    private void released(Tally t, TestDatabase db, Connection reader, String label) throws Exception {
        AtomicInteger retries = new AtomicInteger();
        CompletableFuture<Void> release = new CompletableFuture<>();
        long delay = random.nextInt(RELEASE_WITHIN_MILLIS);
        Runnable onRetry = () -> {
            if (retries.incrementAndGet() == 1) {
                CompletableFuture.runAsync(() -> {
                    try {
                        Thread.sleep(delay);
                        reader.rollback(); // the idle transaction ends, and with it the ACCESS SHARE lock
                        release.complete(null);
                    } catch (Exception e) {
                        release.completeExceptionally(e);
                    }
                });
            }
        };
        try {
            UpgradeResult r = node(db, "released", RELEASED_ATTEMPTS, onRetry).upgrade();
            outcome("released: " + r.outcome() + " after " + retries.get() + " retries");
            t.check(r.outcome() == UpgradeResult.Outcome.UPGRADED, label + ": released upgrade: " + r.outcome());
            t.check(retries.get() > 0, label + ": the task never retried, so the reader was never released");
        } catch (UpsilonException e) {
            outcome("released: " + e.code());
            t.violation(label + ": the upgrade failed after the reader ended: " + e.getMessage());
        }
        if (retries.get() > 0) {
            release.get(30, TimeUnit.SECONDS);
        }
        t.check("1.0".equals(db.queryOne("SELECT version FROM upsilon_data_version")), label
                + ": the data version did not reach 1.0");
        t.check(noteColumns(db) == 1, label + ": the ALTER's column is missing after the upgrade completed");
    }

    private synchronized void outcome(String what) {
        outcomes.merge(what, 1, Integer::sum);
    }

    private static long noteColumns(TestDatabase db) {
        return (Long) db.queryOne("SELECT count(*) FROM information_schema.columns WHERE table_name = 'accounts'"
                + " AND column_name = 'note'");
    }

    /**
     * A node whose only task alters {@code accounts}; it times each attempt from its start to its end and calls
     * {@code onRetry} at each retry.
     */
    private Upsilon node(TestDatabase db, String nodeId, int attempts, Runnable onRetry) {
        PostgresBackend backend = PostgresBackend.create(db.dataSource(Node.applicationName(nodeId)),
                PostgresSettings.builder().lockTimeout(LOCK_TIMEOUT).build());
        Manifest manifest = Manifest.of("blocking", List.of(TaskDefinition.of(Version.parse("1.0"), "alter",
                () -> new BaseUpgradeTask() {
                    @Override
                    public void execute(TaskContext context) throws Exception {
                        try (Statement s = context.connection().createStatement()) {
                            s.execute("ALTER TABLE accounts ADD COLUMN note text");
                        }
                    }
                })));
        AtomicLong attemptStart = new AtomicLong();
        return Upsilon.create(UpsilonConfig.builder().manifest(manifest).store(backend.store())
                .lock(backend.lock(PostgresBackend.LockKind.ADVISORY, nodeId)).nodeId(nodeId)
                .lockWaitTimeout(Node.LOCK_WAIT).taskAttempts(attempts).retryBackoff(Duration.ofMillis(100))
                .callback((event, context) -> {
                    if (event == UpgradeEvent.BEFORE_TASK) {
                        attemptStart.set(System.nanoTime());
                    } else if (event == UpgradeEvent.TASK_RETRY || event == UpgradeEvent.TASK_FAILED
                            || event == UpgradeEvent.AFTER_TASK) {
                        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - attemptStart.get());
                        maxAttemptMillis.accumulateAndGet(took, Math::max);
                        if (event == UpgradeEvent.TASK_RETRY) {
                            onRetry.run();
                        }
                    }
                }).build());
    }
}
