package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watermark mode (a source without logical decoding) and a transaction that commits late: it inserts and updates
 * rows stamped {@code now()} (its start) and holds them uncommitted for three times the overlap, while writers
 * insert, update and delete the whole time and catch-up runs go on. The stored watermark must stay at the held
 * transaction's start, so a run after its commit reads its rows; the target matches the source row for row.
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class LateCommitIT {

    private static final long SEED = 20261202L;
    private static final Duration OVERLAP = Duration.ofSeconds(2); // the fixture's spec
    private static final int LATE_ROWS = 40;

    @TempDir
    Path dir;

    @Test
    void aTransactionCommittedLateIsReadByTheNextRun() throws Exception {
        MigrationFixture db = new MigrationFixture(5_000);
        assertThat(db.old.queryOne("SHOW wal_level")).as("this test is about watermark mode: no logical decoding")
                .isNotEqualTo("logical");
        Migrator migrator = db.migrator(db.spec(dir, 1_000));
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong writes = new AtomicLong();
        CountDownLatch lateStarted = new CountDownLatch(1);
        // ids 1..4,000 and new ones from 1,000,000: never the late transaction's rows
        Thread writer = new Thread(() -> MigrationFixture.writeTransfers(db.old, stop, writes, SEED, 4_000, 3),
                "writers");
        Thread late = new Thread(() -> holdLateTransaction(db.old, lateStarted), "late-commit");
        writer.start();
        late.start();
        assertThat(lateStarted.await(10, TimeUnit.SECONDS)).isTrue();

        // catch-up runs go on while the transaction is held, each storing a watermark
        int runsWhileHeld = 0;
        while (late.isAlive()) {
            migrator.run(java.util.Optional.empty(), Migrator.Deletes.IGNORE, MigrationListener.none());
            runsWhileHeld++;
            Thread.sleep(300);
        }
        CutoverHook window = () -> {
            stop.set(true); // the gate holds new work; the writer's statement in flight finishes
            join(writer);
        };
        CutoverReport report = migrator.continuous(400, 50, Duration.ofMillis(200), window, MigrationListener.none(),
                10);

        System.out.printf("seed %d: %d writes, %d runs while the transaction was held, %d catch-up runs after,"
                + " window held %d ms%n", SEED, writes.get(), runsWhileHeld, report.catchUps().size(),
                report.windowHeld().toMillis());
        assertThat(runsWhileHeld).as("catch-up runs while the transaction was held").isGreaterThan(3);
        assertThat(report.verify().matches()).as("seed %d: %s", SEED, report.verify()).isTrue();
        assertThat(report.cutOver()).isTrue();
        assertThat(db.neu.queryOne("SELECT count(*) FROM transfers WHERE id >= 2000000")).isEqualTo((long) LATE_ROWS);
        assertThat(rows(db.neu, "amount_minor")).as("row for row (seed %d)", SEED).isEqualTo(rows(db.old, "amount"));
    }

    /** Inserts rows and updates others stamped with its own start, holds them 3x the overlap, then commits. */
    private static void holdLateTransaction(TestDatabase db, CountDownLatch started) {
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO transfers SELECT g, 7, 1, 'q7', 'A', NULL, now()"
                    + " FROM generate_series(2000000, " + (2_000_000 + LATE_ROWS - 1) + ") g");
            s.execute("UPDATE transfers SET amount = amount + 1000, updated_at = now() WHERE id BETWEEN 4001 AND 4020");
            started.countDown();
            Thread.sleep(OVERLAP.multipliedBy(3).toMillis());
            c.commit();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }


    /** id -> "amount|state-initial|updated_at" of every transfer. */
    private static Map<Long, String> rows(TestDatabase db, String amount) throws Exception {
        Map<Long, String> rows = new HashMap<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, " + amount + "::text, left(state, 1), updated_at::text"
                     + " FROM transfers")) {
            while (rs.next()) {
                rows.put(rs.getLong(1), rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getString(4));
            }
        }
        return rows;
    }

    private static void join(Thread t) {
        try {
            t.join(30_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
