package io.upsilon.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.migrate.CutoverReport;
import io.upsilon.migrate.MigrationListener;
import io.upsilon.migrate.MigrationSpec;
import io.upsilon.migrate.Migrator;
import io.upsilon.migrate.RunReport;
import io.upsilon.migrate.Stores;
import io.upsilon.migrate.VerifyReport;
import io.upsilon.migrate.spi.SourceStore;
import io.upsilon.migrate.spi.TargetStore;
import io.upsilon.reliability.move.MigratorKiller;
import io.upsilon.reliability.move.MoveFixture;
import io.upsilon.reliability.move.RowComparison;
import io.upsilon.reliability.move.SourceTraffic;
import io.upsilon.reliability.move.WriterWindow;
import io.upsilon.testsupport.Seeds;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Side by side: a migration between two PostgreSQL servers while writers insert, update and delete source rows; the
 * migrator, a separate OS process, is {@code kill -9}ed ten times at random moments and resumed from its checkpoints
 * each time; then a continuous run catches up, the window stops the writers, the final catch-up propagates deletes,
 * the migrator verifies and cuts over. The target is then compared with the source row by row: no row lost,
 * duplicated (deletes included) or mismatched after the transforms, and the migrator's verification agrees.
 * The seed of the random kill moments is printed; {@code -Dupsilon.seed=N} repeats a run's choices.
 */
@Timeout(value = 20, unit = TimeUnit.MINUTES) // the long scale's five rounds; the short one takes well under a minute
@ExtendWith(Seeds.Report.class)
class SideBySideIT {

    private static final int KILLS = 10;
    /** Rows per page: small, so the short scale's first copy has enough pages for kills to land in. */
    private static final int BATCH = 500;
    /** A catch-up run that reads at most this many rows (of the lag, not the overlap) opens the window. */
    private static final long MAX_LAG_ROWS = 500;

    @TempDir
    Path dir;

    private final List<Long> lagRows = new ArrayList<>();
    private final List<Long> lagMillis = new ArrayList<>();
    private final List<Long> windowMillis = new ArrayList<>();
    private long lost;
    private long duplicated;
    private long mismatched;
    private long verifyMismatches;
    private long deletesInWindow;
    private long inserts;
    private long updates;
    private long deletes;

    @Test
    void killedTenTimesUnderWritesThenCutOverLosesDuplicatesAndMismatchesNoRow() throws Exception {
        long seed = Seeds.seed();
        System.out.println("side by side: seed " + seed + " (repeat with -Dupsilon.seed=" + seed + ")");
        Random random = new Random(seed);
        Tally t = Tally.of("side by side");
        int rounds = Scale.rounds(1, 5);
        int kills = 0;
        int killsInFirstCopy = 0;
        int movedBack = 0;
        long mostMovedBack = 0;
        for (int round = 1; round <= rounds; round++) {
            t.run();
            MoveFixture fixture = new MoveFixture(Scale.rounds(30_000, 200_000), Scale.rounds(10_000, 50_000));
            MigratorKiller killer = new MigratorKiller(t, random, "round " + round);
            round(t, round, fixture, killer, random.nextLong(), round == rounds);
            kills += killer.kills();
            killsInFirstCopy += killer.killsInFirstCopy();
            movedBack += killer.checkpointsMovedBack();
            mostMovedBack = Math.max(mostMovedBack, killer.mostMovedBackMillis());
        }
        t.check(kills == rounds * KILLS, "only " + kills + " of " + rounds * KILLS + " kills happened");
        t.figure("seed", seed);
        t.figure("kills", kills + " (" + killsInFirstCopy + " in the first copy)");
        t.figure("lost rows", lost);
        t.figure("duplicated rows", duplicated);
        t.figure("mismatched rows", mismatched);
        t.figure("verify mismatched keys", verifyMismatches);
        t.figure("lag at cut-over", describe(lagRows, " rows") + ", " + describe(lagMillis, " ms"));
        t.figure("maintenance window", describe(windowMillis, " ms"));
        t.figure("source writes during the move", inserts + updates + deletes + " (" + inserts + " inserts, "
                + updates + " updates, " + deletes + " deletes; " + deletesInWindow + " deletes propagated in the"
                + " window)");
        t.figure("checkpoints moved back by a resume", movedBack + " (at most " + mostMovedBack + " ms)");
        t.report();
        assertThat(t.violations()).isEmpty();
    }

    private void round(Tally t, int round, MoveFixture fixture, MigratorKiller killer, long writerSeed,
                       boolean selfTest) throws Exception {
        String name = "round " + round;
        Path spec = fixture.spec(Files.createDirectories(dir.resolve("round-" + round)), BATCH);
        SourceTraffic traffic = SourceTraffic.start(fixture, 2, 3, writerSeed);
        WriterWindow window = new WriterWindow(traffic, fixture);
        MigrationSpec parsed = MigrationSpec.load(spec);
        SourceStore source = Stores.source(parsed.source(), Map.of());
        TargetStore target = Stores.target(parsed.target(), Map.of());
        try {
            long start = System.nanoTime();
            int firstCopyPages = (fixture.orders + fixture.customers) / BATCH;
            if (!killer.killRepeatedly(spec, fixture, KILLS, Math.max(4, 2 * firstCopyPages / KILLS))) {
                return;
            }
            long killed = System.nanoTime();
            Migrator migrator = Migrator.create(parsed, source, target, getClass().getClassLoader());
            CutoverReport report = migrator.continuous(MAX_LAG_ROWS, 100, Duration.ofMillis(100), window,
                    MigrationListener.none(), 20);
            long cutOver = System.nanoTime();
            checkCutover(t, name, report, window, killer.firstCopyDone());
            // without all three kinds of write the round proves less than its figures claim
            t.check(traffic.inserts.get() > 0 && traffic.updates.get() > 0 && traffic.deletes.get() > 0, name
                    + ": the writers did not insert, update and delete (" + traffic.writes() + " writes)");
            inserts += traffic.inserts.get();
            updates += traffic.updates.get();
            deletes += traffic.deletes.get();
            compare(t, name, fixture);
            System.out.printf("%s: kills %d ms, catch-up and cut-over %d ms, comparison %d ms%n", name,
                    (killed - start) / 1_000_000, (cutOver - killed) / 1_000_000,
                    (System.nanoTime() - cutOver) / 1_000_000);
            if (selfTest) {
                comparisonSeesDamage(t, fixture, migrator);
            }
        } finally {
            traffic.stop(); // a no-op when the window stopped it
            source.close();
            target.close();
        }
    }

    private void checkCutover(Tally t, String round, CutoverReport report, WriterWindow window,
                              boolean firstCopyDone) {
        // when every kill fell in the first copy, the first catch-up finishes that copy (from the ranges the killed
        // attempt wrote), and a first copy reports "start"
        for (RunReport.Entity e : report.catchUps().get(0).entities()) {
            t.check("checkpoint".equals(e.started()) || !firstCopyDone && "start".equals(e.started()), round + ": after the kills, " + e.name() + " started from "
                    + e.started() + ", not from its checkpoint");
        }
        t.check(window.entered(), round + ": the lag never fell to " + MAX_LAG_ROWS + " rows in "
                + report.catchUps().size() + " catch-up runs; no window was opened");
        t.check(window.writerFailure() == null, round + ": a writer failed: " + window.writerFailure());
        t.check(report.cutOver() && window.exited(), round + ": no cut-over; verification: " + report.verify());
        if (report.verify() != null) {
            long mismatches = report.verify().tables().stream().mapToLong(VerifyReport.Table::mismatches).sum();
            verifyMismatches += mismatches;
            t.check(report.verify().matches(), round + ": the migrator's verification found " + mismatches
                    + " mismatching keys: " + report.verify());
        }
        if (report.finalRun() != null) {
            deletesInWindow += report.finalRun().entities().stream().mapToLong(RunReport.Entity::deleted).sum();
        }
        if (window.entered()) {
            lagRows.add(window.lagRows());
            lagMillis.add(window.lagMillis());
            windowMillis.add(report.windowHeld().toMillis());
        }
        System.out.printf("%s: %d catch-up runs, lag at the window %d rows / %d ms, window held %d ms%n", round,
                report.catchUps().size(), window.lagRows(), window.lagMillis(), report.windowHeld().toMillis());
    }

    private void compare(Tally t, String round, MoveFixture fixture) {
        for (RowComparison c : List.of(RowComparison.orders(fixture.source, fixture.target),
                RowComparison.customers(fixture.source, fixture.target))) {
            lost += c.lost();
            duplicated += c.duplicated();
            mismatched += c.mismatched();
            t.check(c.clean(), round + ": " + c);
            System.out.printf("%s: %s: %d source rows, %d target rows%n", round, c.table(), c.sourceRows(),
                    c.targetRows());
        }
    }

    /**
     * The comparison and the migrator's verification must see damage, or their zeros prove nothing: one target row
     * removed, one changed and one added must show as one lost, one mismatched and one duplicated row.
     */
    private static void comparisonSeesDamage(Tally t, MoveFixture fixture, Migrator migrator) {
        fixture.target.execute("DELETE FROM orders WHERE id = (SELECT min(id) FROM orders);"
                + " UPDATE orders SET note = coalesce(note, '') || '!' WHERE id = (SELECT max(id) FROM orders);"
                + " INSERT INTO customers VALUES (-1, 'nobody', NULL, true, now())");
        RowComparison orders = RowComparison.orders(fixture.source, fixture.target);
        RowComparison customers = RowComparison.customers(fixture.source, fixture.target);
        t.check(orders.lost() == 1 && orders.mismatched() == 1 && customers.duplicated() == 1, "the row comparison"
                + " missed damage done on purpose: " + orders + ", " + customers);
        VerifyReport verify = migrator.verify(5);
        long found = verify.tables().stream().mapToLong(VerifyReport.Table::mismatches).sum();
        t.check(found == 3, "the migrator's verification found " + found + " of 3 keys damaged on purpose: " + verify);
    }

    /** {@code 12 ms} for one round; the median and the maximum for several. */
    private static String describe(List<Long> values, String unit) {
        if (values.isEmpty()) {
            return "none";
        }
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.size() == 1 ? sorted.get(0) + unit
                : "median " + sorted.get(sorted.size() / 2) + unit + " max " + sorted.get(sorted.size() - 1) + unit;
    }
}
