package io.upsilon.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.Version;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link TenantRecord#table}: the tenant registry as {@code upsilon tenant list} prints it. */
class TenantRecordTest {

    @Test
    void theTableShowsEachRowsVersionStateAndLastCall() {
        Instant at = Instant.parse("2026-01-01T10:00:00Z");
        List<TenantRecord> rows = List.of(new TenantRecord(TenantId.parse("acme"), "mod-x",
                Optional.of(Version.parse("1.0.0")), true, TenantOutcome.UPGRADED, Optional.empty(), at),
                new TenantRecord(TenantId.parse("beta"), "mod-x", Optional.empty(), false, TenantOutcome.FAILED,
                        Optional.of("boom"), at));
        assertThat(TenantRecord.table(rows).lines("  ")).containsExactly(
                "  TENANT  MODULE  VERSION  STATE     LAST OUTCOME  LAST ERROR  UPDATED AT",
                "  acme    mod-x   1.0.0    enabled   UPGRADED      -           2026-01-01T10:00:00Z",
                "  beta    mod-x   none     disabled  FAILED        boom        2026-01-01T10:00:00Z");
    }
}
