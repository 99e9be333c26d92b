package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Progress lines on a terminal (redrawn in place) and elsewhere (throttled plain lines), on a fake clock. */
class MigrationProgressTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong();
    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text);

    private MigrationProgress progress(MigrationProgress.Mode mode) {
        return new MigrationProgress(out, mode, List.of("transfers", "quotes"), now::get);
    }

    @Test
    void plainLinesComeAtMostOncePerEntityEveryTwoSeconds() {
        MigrationProgress progress = progress(MigrationProgress.Mode.PLAIN);
        now.set(SECOND / 2);
        progress.progress("transfers", 1_000, "2026-01-01 00:00:10+00");
        assertThat(text.toString()).as("nothing in the first two seconds").isEmpty();

        now.set(2 * SECOND);
        progress.progress("transfers", 4_000, "2026-01-01 00:00:40+00");
        progress.progress("quotes", 500, "2026-01-01 00:00:05+00");
        now.set(3 * SECOND);
        progress.progress("transfers", 6_000, "2026-01-01 00:01:00+00");
        assertThat(text.toString().lines()).containsExactly(
                "  transfers  4000 rows  2000 rows/s  up to 2026-01-01 00:00:40+00",
                "  quotes     500 rows  250 rows/s  up to 2026-01-01 00:00:05+00");

        now.set(4 * SECOND);
        progress.progress("transfers", 8_000, "2026-01-01 00:01:20+00");
        progress.close();
        assertThat(text.toString().lines()).hasSize(3).last().asString().startsWith("  transfers  8000 rows")
                .doesNotContain("\r", "\033");
    }

    @Test
    void terminalLinesAreRedrawnInPlaceWithAnEtaOnceTheTotalIsKnown() {
        MigrationProgress progress = progress(MigrationProgress.Mode.TERMINAL);
        progress.redraw();
        assertThat(text.toString()).isEqualTo("  transfers  starting\033[K\n  quotes     starting\033[K");

        text.getBuffer().setLength(0);
        progress.total("transfers", 10_000);
        now.set(2 * SECOND);
        progress.progress("transfers", 4_000, "2026-01-01 00:00:40+00");
        progress.redraw();
        assertThat(text.toString()).startsWith("\r\033[1A")
                .contains("  transfers  4000 of 10000 rows (40%)  2000 rows/s  ETA 3.0 s\033[K\n",
                        "  quotes     starting");

        text.getBuffer().setLength(0);
        progress.message("Opening the window...");
        assertThat(text.toString()).as("the block ends, the message goes below it")
                .isEqualTo(System.lineSeparator() + "Opening the window..." + System.lineSeparator());

        text.getBuffer().setLength(0);
        now.set(3 * SECOND);
        progress.progress("transfers", 500, "2026-01-01 00:01:00+00"); // fewer rows: a new run has started
        now.set(4 * SECOND);
        progress.progress("transfers", 1_500, "2026-01-01 00:01:10+00");
        progress.close();
        assertThat(text.toString()).as("a fresh block, the stale total dropped, the rate of this run")
                .doesNotStartWith("\r").contains("  transfers  1500 rows  1000 rows/s\033[K")
                .doesNotContain("of 10000").endsWith(System.lineSeparator());
    }

    @Test
    void jsonShowsNoProgress() {
        MigrationProgress progress = progress(MigrationProgress.Mode.NONE);
        now.set(10 * SECOND);
        progress.progress("transfers", 4_000, "2026-01-01 00:00:40+00");
        progress.message("hello");
        progress.redraw();
        progress.close();
        assertThat(text.toString()).isEmpty();
    }
}
