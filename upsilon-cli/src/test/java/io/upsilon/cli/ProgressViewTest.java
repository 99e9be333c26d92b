package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.Version;
import io.upsilon.migrate.MigrationProgress;
import io.upsilon.tenant.TenantId;
import io.upsilon.tenant.TenantOutcome;
import io.upsilon.tenant.TenantResult;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The progress view: bars on a terminal and throttled plain lines elsewhere (those on a fake clock), for a migration's
 * entities and a tenant upgrade's tenants.
 */
class ProgressViewTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong();
    private final StringWriter text = new StringWriter();
    private final PrintWriter out = new PrintWriter(text);

    @Test
    void plainLinesComeAtMostOncePerEntityEveryTwoSeconds() {
        ProgressView view = ProgressView.create(out, ProgressView.Mode.PLAIN, List.of("transfers", "quotes"),
                now::get);
        MigrationProgress progress = view.tracker();
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
        view.close();
        assertThat(text.toString().lines()).hasSize(3).last().asString().startsWith("  transfers  8000 rows")
                .doesNotContain("\r", "\033");
    }

    @Test
    void terminalBarsShowRowsRateAndAnEtaOnceTheTotalIsKnown() {
        ProgressView view = ProgressView.create(out, ProgressView.Mode.TERMINAL, List.of("transfers", "quotes"),
                System::nanoTime);
        MigrationProgress progress = view.tracker();
        progress.total("transfers", 10_000);
        progress.progress("transfers", 4_000, "2026-01-01 00:00:40+00");
        progress.progress("quotes", 300, "2026-01-01 00:00:03+00");
        view.message("Caught up: opening the window...");
        String first = text.toString();
        // outside a real terminal the library cannot move the cursor up, so only the contents are checked
        assertThat(first).contains("transfers", "40%", "4000/10000 rows", "rows/s", "quotes", "300/? rows")
                .contains("\r");
        assertThat(first.lines().filter(l -> l.contains("quotes")).findFirst().orElseThrow())
                .as("no total, no share and no ETA").contains("? %", "/ ?)");
        assertThat(first).endsWith("Caught up: opening the window...\n");

        text.getBuffer().setLength(0);
        progress.progress("transfers", 100, "2026-01-01 00:01:00+00"); // the next run: fresh bars below the message
        progress.progress("transfers", 700, "2026-01-01 00:01:10+00");
        view.close();
        assertThat(text.toString()).contains("transfers", "700/? rows").doesNotContain("10000", "Caught up");
    }

    @Test
    void jsonShowsNoProgress() {
        ProgressView view = ProgressView.create(out, ProgressView.Mode.NONE, List.of("transfers"), now::get);
        now.set(10 * SECOND);
        view.tracker().progress("transfers", 4_000, "2026-01-01 00:00:40+00");
        view.tracker().notice("capture: watermark");
        view.message("hello");
        view.close();
        assertThat(text.toString()).isEmpty();
    }

    @Test
    void aTenantUpgradeShowsALinePerTenantOffATerminalAndABarOfTenantsOnStderrOnOne() {
        StringWriter err = new StringWriter();
        List<TenantId> tenants = List.of(TenantId.parse("t1"), TenantId.parse("t2"));
        try (ProgressView plain = ProgressView.tenants(out, new PrintWriter(err), ProgressView.Mode.PLAIN)) {
            run(plain, tenants);
        }
        assertThat(text.toString().lines()).containsExactly("-> t1 1.0.0", "-> t2 1.0.0");
        assertThat(err.toString()).isEmpty();

        text.getBuffer().setLength(0);
        try (ProgressView bar = ProgressView.tenants(out, new PrintWriter(err), ProgressView.Mode.TERMINAL)) {
            run(bar, tenants);
        }
        assertThat(text.toString()).as("the bar keeps stdout for the report").isEmpty();
        assertThat(err.toString()).contains("tenants", "100%", "2/2 tenants", "tenants/s", "t2").contains("\r");

        err.getBuffer().setLength(0);
        try (ProgressView none = ProgressView.tenants(out, new PrintWriter(err), ProgressView.Mode.NONE)) {
            run(none, tenants);
        }
        assertThat(text.toString() + err).isEmpty();
    }

    private static void run(ProgressView view, List<TenantId> tenants) {
        view.planned(tenants);
        for (TenantId t : tenants) {
            view.started(t, Optional.of(Version.parse("1.0.0")));
            view.finished(new TenantResult(t, "mod-x", Optional.of(Version.parse("1.0.0")), Version.parse("2.0.0"),
                    TenantOutcome.UPGRADED, Optional.empty()));
        }
    }
}
