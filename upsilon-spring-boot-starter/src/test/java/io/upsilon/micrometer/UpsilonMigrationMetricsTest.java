package io.upsilon.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class UpsilonMigrationMetricsTest {

    private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:05:05Z"), ZoneOffset.UTC);

    @Test
    void rowsAddUpAcrossPagesAndRunsAndBeforeBinding() {
        UpsilonMigrationMetrics metrics = new UpsilonMigrationMetrics(clock);
        metrics.progress("transfer", 500, "2026-01-02 03:04:00+00");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        metrics.progress("transfer", 1000, "2026-01-02 03:04:05.25+00");
        metrics.progress("transfer", 200, "2026-01-02 03:05:00+00"); // a new run counts from 0 again
        metrics.progress("quote", 10, "2026-01-02T03:05:04Z");
        assertThat(registry.get("upsilon.migration.rows").tag("entity", "transfer").counter().count())
                .isEqualTo(1200.0);
        assertThat(registry.get("upsilon.migration.rows").tag("entity", "quote").counter().count()).isEqualTo(10.0);
        assertThat(registry.get("upsilon.migration.lag").tag("entity", "transfer").gauge().value()).isEqualTo(5.0);
        assertThat(registry.get("upsilon.migration.lag").tag("entity", "quote").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void timestampsInPostgresAndIsoFormsAndOthersNot() {
        assertThat(UpsilonMigrationMetrics.parse("2026-01-02 03:04:05.123456+05:30"))
                .contains(Instant.parse("2026-01-01T21:34:05.123456Z"));
        assertThat(UpsilonMigrationMetrics.parse("2026-01-02T03:04:05Z")).contains(Instant.parse("2026-01-02T03:04:05Z"));
        assertThat(UpsilonMigrationMetrics.parse("42")).isEmpty();
        assertThat(UpsilonMigrationMetrics.parse(null)).isEmpty();
    }

    @Test
    void lagIsNotANumberUntilAnUpdateTimeIsKnown() {
        UpsilonMigrationMetrics metrics = new UpsilonMigrationMetrics(clock);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        metrics.progress("ledger", 3, "17"); // a numeric update column: rows count, no lag
        assertThat(registry.get("upsilon.migration.rows").counter().count()).isEqualTo(3.0);
        assertThat(registry.get("upsilon.migration.lag").gauge().value()).isNaN();
    }
}
