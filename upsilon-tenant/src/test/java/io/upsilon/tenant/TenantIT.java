package io.upsilon.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ModuleId;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.tenant.pg.PgTenantModule;
import io.upsilon.testsupport.HostileTenantIds;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Tenants upgraded one by one, each all or nothing, on a real PostgreSQL. */
class TenantIT extends TransfersModuleTestBase {

    private static TenantId t(int i) {
        return TenantId.parse(String.format("t%02d", i));
    }

    private void install(int tenants) {
        for (int i = 1; i <= tenants; i++) {
            assertThat(module.init(t(i), Optional.empty(), V1, Map.of()).outcome()).isEqualTo(TenantOutcome.CREATED);
        }
    }

    /** The tenant's schema objects and a hash of its data: equal exactly when nothing of it changed. */
    private String snapshot(int i) {
        String schema = module.schema(t(i));
        String objects = db.schemaDump().lines().filter(l -> l.contains(schema)).collect(Collectors.joining("\n"));
        return objects + "\n" + db.queryOne("SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM \"" + schema
                + "\".transfers t");
    }

    private Optional<Version> version(int i) {
        return module.tenants().stream().filter(r -> r.tenant().equals(t(i))).findFirst()
                .flatMap(TenantRecord::version);
    }

    @Test
    void fiftyTenantsAFailureInTenantSeventeenStopsThereAndASecondRunCompletesTheRest() {
        install(50);
        String seventeenBefore = snapshot(17);
        String eighteenBefore = snapshot(18);
        TransfersModule.FAIL_FOR.add(module.schema(t(17)));

        TenantUpgrader.Report first = new TenantUpgrader(module).upgrade(V2, Optional.empty(), 1, false);
        assertThat(first.results()).hasSize(17);
        IntStream.rangeClosed(1, 16).forEach(i -> {
            assertThat(first.results().get(i - 1).outcome()).isEqualTo(TenantOutcome.UPGRADED);
            assertThat(version(i)).contains(Version.parse("2.0.0"));
        });
        TenantResult failed = first.results().get(16);
        assertThat(failed.tenant()).isEqualTo(t(17));
        assertThat(failed.outcome()).isEqualTo(TenantOutcome.FAILED);
        assertThat(failed.message()).hasValueSatisfying(m -> assertThat(m).contains("injected failure"));
        assertThat(snapshot(17)).isEqualTo(seventeenBefore);
        assertThat(version(17)).contains(Version.parse("1.0.0"));
        assertThat(module.tenants().get(16).lastOutcome()).isEqualTo(TenantOutcome.FAILED);
        assertThat(first.skipped()).hasSize(33).first().extracting(TenantRecord::tenant).isEqualTo(t(18));
        assertThat(first.rows()).hasSize(50).element(17).isEqualTo(new TenantUpgrader.Row(t(18),
                Optional.of(Version.parse("1.0.0")), Version.parse("2.0.0"), "SKIPPED",
                Optional.of("not touched: the run stopped")));
        IntStream.rangeClosed(18, 50).forEach(i -> assertThat(version(i)).contains(Version.parse("1.0.0")));
        assertThat(snapshot(18)).isEqualTo(eighteenBefore);
        assertThat(first.error()).contains(io.upsilon.ErrorCode.TENANT_FAILED);
        assertThat(first.failure()).hasValueSatisfying(m -> assertThat(m).startsWith("tenant t17 FAILED: ")
                .contains("injected failure", "; 33 tenants skipped (not touched)",
                        "run the upgrade of mod-transfers again (tenants already at 2.0.0 stay UNCHANGED)"));

        TransfersModule.FAIL_FOR.clear();
        TenantUpgrader.Report second = new TenantUpgrader(module).upgrade(V2, Optional.empty(), 4, false);
        assertThat(second.failed()).isFalse();
        assertThat(second.error()).isEmpty();
        assertThat(second.failure()).isEmpty();
        assertThat(second.results()).filteredOn(r -> r.outcome() == TenantOutcome.UNCHANGED).hasSize(16);
        assertThat(second.results()).filteredOn(r -> r.outcome() == TenantOutcome.UPGRADED).hasSize(34);
        IntStream.rangeClosed(1, 50).forEach(i -> assertThat(version(i)).contains(Version.parse("2.0.0")));
    }

    @Test
    void aCanaryFailureStopsTheRunBeforeAnyOtherTenantIsTouched() {
        install(10);
        String others = IntStream.rangeClosed(1, 10).filter(i -> i != 5).mapToObj(this::snapshot)
                .collect(Collectors.joining("|"));
        TransfersModule.FAIL_FOR.add(module.schema(t(5)));
        TenantUpgrader.Report report = new TenantUpgrader(module).upgrade(V2, Optional.of(t(5)), 4, true);
        assertThat(report.results()).singleElement().satisfies(r -> {
            assertThat(r.tenant()).isEqualTo(t(5));
            assertThat(r.outcome()).isEqualTo(TenantOutcome.FAILED);
        });
        assertThat(report.skipped()).hasSize(9);
        assertThat(report.rows()).hasSize(10).last().satisfies(r -> assertThat(r.message())
                .contains("not touched: the canary failed"));
        assertThat(report.summary()).isEqualTo("1 failed, 9 skipped");
        assertThat(report.error()).contains(io.upsilon.ErrorCode.CANARY_FAILED);
        assertThat(report.failure()).hasValueSatisfying(m -> assertThat(m).startsWith("canary tenant t05 FAILED")
                .contains("no other tenant was touched (9 skipped)").endsWith("fix the cause and run the upgrade again"));
        assertThat(IntStream.rangeClosed(1, 10).filter(i -> i != 5).mapToObj(this::snapshot)
                .collect(Collectors.joining("|"))).isEqualTo(others);
    }

    @Test
    void simulateListsWhatWouldHappenAndChangesNothing() {
        install(3);
        module.init(t(2), Optional.of(V1), V2, Map.of());
        List<TenantResult> steps = new TenantUpgrader(module).simulate(V2, Optional.of(t(3)));
        assertThat(steps).extracting(TenantResult::tenant).containsExactly(t(3), t(1), t(2));
        assertThat(steps).extracting(TenantResult::outcome)
                .containsExactly(TenantOutcome.UPGRADED, TenantOutcome.UPGRADED, TenantOutcome.UNCHANGED);
        assertThat(TenantUpgrader.summary(steps, 0)).isEqualTo("2 upgraded, 1 unchanged");
        assertThat(version(1)).contains(Version.parse("1.0.0"));
        assertThat(steps).allSatisfy(s -> assertThat(s.message()).as("no downgrade").isEmpty());
        assertThat(new TenantUpgrader(module).simulate(V1, Optional.empty()))
                .filteredOn(s -> s.tenant().equals(t(2))).singleElement()
                .satisfies(s -> assertThat(s.message()).hasValueSatisfying(n -> assertThat(n).contains("a downgrade")));
    }

    @Test
    void outcomesForNewSameUpgradedAndMismatchedTenants() {
        TenantId acme = TenantId.parse("acme");
        assertThat(module.init(acme, Optional.empty(), V1, Map.of()).outcome()).isEqualTo(TenantOutcome.CREATED);
        assertThat(module.init(acme, Optional.of(V1), V1, Map.of()).outcome()).isEqualTo(TenantOutcome.UNCHANGED);
        assertThat(module.init(acme, Optional.of(V1), V201, Map.of("loadSample", "true")).outcome())
                .isEqualTo(TenantOutcome.UPGRADED);
        assertThat(db.queryOne("SELECT count(*) FROM acme_mod_transfers.transfers WHERE quote_id IS NOT NULL"))
                .isEqualTo(20L);
        assertThat(module.purge(acme)).isTrue();
        assertThat(db.queryOne("SELECT count(*) FROM pg_namespace WHERE nspname = 'acme_mod_transfers'")).isEqualTo(0L);
        assertThat(module.tenants()).isEmpty();
        assertThat(module.purge(acme)).isFalse();
    }

    @Test
    void downgradeWithRollbacksWorksWithoutThemItIsRejectedAndNothingChanges() {
        TenantId acme = TenantId.parse("acme");
        module.init(acme, Optional.empty(), V2, Map.of());
        TenantResult down = module.init(acme, Optional.of(V2), V1, Map.of());
        assertThat(down.outcome()).isEqualTo(TenantOutcome.UPGRADED);
        assertThat(db.queryOne("SELECT count(*) FROM information_schema.columns WHERE table_schema ="
                + " 'acme_mod_transfers' AND column_name = 'quote_id'")).isEqualTo(0L);

        module.init(acme, Optional.of(V1), V201, Map.of());
        String before = db.schemaDump();
        TenantResult refused = module.init(acme, Optional.of(V201), V2, Map.of());
        assertThat(refused.outcome()).isEqualTo(TenantOutcome.REJECTED);
        assertThat(refused.outcome().httpStatus()).isEqualTo(400);
        assertThat(refused.outcome().error()).contains(io.upsilon.ErrorCode.TENANT_REJECTED);
        assertThat(refused.succeeded()).isFalse();
        assertThat(refused.failure()).contains("tenant acme REJECTED: " + refused.message().orElseThrow()
                + "; nothing changed (tenant acme's mod-transfers stays at 2.0.1)");
        assertThat(down.failure()).isEmpty();
        assertThat(refused.message()).hasValueSatisfying(m -> assertThat(m).contains("task not-null of version 2.0.1"
                + " has no rollback"));
        assertThat(db.schemaDump()).isEqualTo(before);
        assertThat(module.tenants().get(0).version()).contains(Version.parse("2.0.1"));
    }

    @Test
    void hostileTenantIdsAreRejectedBeforeAnySqlRuns() {
        List<String> hostile = HostileTenantIds.IDS;
        assertThat(hostile).hasSizeGreaterThanOrEqualTo(50);
        Object schemasBefore = db.queryOne("SELECT count(*) FROM pg_namespace");
        for (String id : hostile) {
            assertThatThrownBy(() -> TenantId.parse(id)).isInstanceOf(UpsilonException.class)
                    .hasMessageStartingWith("invalid tenant id").hasMessageNotContaining("\n");
        }
        assertThat(db.queryOne("SELECT count(*) FROM pg_namespace")).isEqualTo(schemasBefore);
    }

    @Test
    void schemaNamesThatClashAreRefusedAndPurgeNeverDropsSomeoneElsesSchema() {
        PgTenantModule other = new PgTenantModule(db.dataSource(), "transfers", TransfersModule.manifest());
        // tenant "t2" of "mod-transfers" and tenant "t2_mod" of "transfers" both map to t2_mod_transfers
        assertThat(module.init(t(2), Optional.empty(), V1, Map.of()).outcome()).isEqualTo(TenantOutcome.CREATED);
        String before = snapshot(2);
        TenantResult clash = other.init(TenantId.parse("t02_mod"), Optional.empty(),
                ModuleId.parse("transfers-1.0.0"), Map.of());
        assertThat(clash.outcome()).isEqualTo(TenantOutcome.REJECTED);
        assertThat(clash.message()).hasValueSatisfying(m -> assertThat(m).contains("already exists"));
        assertThat(other.purge(TenantId.parse("t02_mod"))).isFalse();
        assertThat(snapshot(2)).isEqualTo(before);
        db.execute("CREATE SCHEMA hand_mod_transfers; CREATE TABLE hand_mod_transfers.keep (id int)");
        assertThat(module.purge(TenantId.parse("hand"))).isFalse();
        assertThat(db.queryOne("SELECT count(*) FROM pg_tables WHERE schemaname = 'hand_mod_transfers'")).isEqualTo(1L);
    }
}
