package io.upsilon.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link MigrationProgress}: rows, rates, totals and ETAs from the batches, on a fake clock. */
class MigrationProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong();
    private final List<MigrationProgress.Entity> seen = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private final MigrationProgress progress = new MigrationProgress(List.of("transfers", "quotes"),
            new MigrationProgress.View() {
                @Override
                public void update(MigrationProgress.Entity entity) {
                    seen.add(entity);
                }

                @Override
                public void notice(String line) {
                    notices.add(line);
                }
            }, now::get);

    @Test
    void theFirstRunIsTimedFromTheStartAndATotalGivesAShareAndAnEta() {
        assertThat(progress.get("transfers")).as("nothing heard yet").isEmpty();
        now.set(2 * SECOND);
        progress.progress("transfers", 4_000, "2026-01-01 00:00:40+00");
        assertThat(seen).singleElement().satisfies(e -> {
            assertThat(e.rowsPerSecond()).isEqualTo(2_000.0);
            assertThat(e.baseline()).isZero();
            assertThat(e.newRun()).isFalse();
            assertThat(e.total()).isEmpty();
            assertThat(e.share()).isEmpty();
            assertThat(e.eta()).as("no total, no ETA").isEmpty();
        });

        progress.total("transfers", 10_000);
        now.set(3 * SECOND);
        progress.progress("transfers", 6_000, "2026-01-01 00:01:00+00");
        MigrationProgress.Entity e = progress.get("transfers").orElseThrow();
        assertThat(e.total()).isEqualTo(OptionalLong.of(10_000));
        assertThat(e.share()).contains(0.6);
        assertThat(e.rowsPerSecond()).isEqualTo(2_000.0);
        assertThat(e.eta()).contains(Duration.ofSeconds(2));
        assertThat(e.updatedAt()).isEqualTo("2026-01-01 00:01:00+00");
        assertThat(progress.get("quotes")).isEmpty();
        assertThat(progress.get("no such entity")).isEmpty();
    }

    @Test
    void aBatchWithNoMoreRowsStartsANewRunWhoseFirstBatchIsItsBaseline() {
        progress.total("transfers", 5_000);
        now.set(SECOND);
        progress.progress("transfers", 5_000, "a");
        now.set(10 * SECOND);
        progress.progress("transfers", 300, "b"); // the next run of a continuous migration
        now.set(12 * SECOND);
        progress.progress("transfers", 700, "c");

        MigrationProgress.Entity started = seen.get(1);
        assertThat(started.newRun()).isTrue();
        assertThat(started.baseline()).isEqualTo(300);
        assertThat(started.rowsPerSecond()).as("one batch: no rate yet").isZero();
        assertThat(started.total()).as("the count was for the first run").isEmpty();
        MigrationProgress.Entity later = seen.get(2);
        assertThat(later.newRun()).isFalse();
        assertThat(later.rowsPerSecond()).as("400 rows after the baseline in 2 s").isEqualTo(200.0);
    }

    @Test
    void unknownEntitiesAreIgnoredAndNoticesPassThrough() {
        progress.progress("elsewhere", 10, "a");
        progress.total("elsewhere", 10);
        progress.notice("capture: watermark");
        assertThat(seen).isEmpty();
        assertThat(notices).containsExactly("capture: watermark");
    }

    @Test
    void logLinesComeAtMostOncePerEntityEveryPeriod() {
        List<String> lines = new ArrayList<>();
        MigrationProgress logging = MigrationProgress.logging(List.of("transfers", "quotes"), lines::add,
                Duration.ofSeconds(2), now::get);
        now.set(SECOND / 2);
        logging.progress("transfers", 1_000, "2026-01-01 00:00:10+00");
        assertThat(lines).as("nothing in the first two seconds").isEmpty();

        now.set(2 * SECOND);
        logging.progress("transfers", 4_000, "2026-01-01 00:00:40+00");
        logging.progress("quotes", 500, "2026-01-01 00:00:05+00");
        now.set(3 * SECOND);
        logging.progress("transfers", 6_000, "2026-01-01 00:01:00+00");
        logging.notice("capture: watermark");
        assertThat(lines).containsExactly(
                "  transfers  4000 rows  2000 rows/s  up to 2026-01-01 00:00:40+00",
                "  quotes     500 rows  250 rows/s  up to 2026-01-01 00:00:05+00",
                "capture: watermark");
    }

    @Test
    void listenerOfPassesTheRunsOnAndIgnoresTheSteps() {
        ContinuousMigration.Listener listener = ContinuousMigration.Listener.of(progress);
        now.set(SECOND);
        listener.progress("quotes", 10, "a");
        listener.notice("capture: log (slot upsilon_x)");
        listener.enteringWindow();
        assertThat(seen).extracting(MigrationProgress.Entity::name).containsExactly("quotes");
        assertThat(notices).containsExactly("capture: log (slot upsilon_x)");
    }
}
