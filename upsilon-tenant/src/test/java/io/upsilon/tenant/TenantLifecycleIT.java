package io.upsilon.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.Manifest;
import io.upsilon.ModuleId;
import io.upsilon.TaskContext;
import io.upsilon.TaskDefinition;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.tenant.pg.PgTenantModule;
import io.upsilon.tenant.pg.TenantRegistry;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Okapi's lifecycle beyond install and upgrade: disable, consulting the stored data, parameters, the canary check. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TenantLifecycleIT extends TransfersModuleTestBase {

    private static final TenantId ACME = TenantId.parse("acme");

    private TenantRecord record(TenantId tenant) {
        return module.tenants().stream().filter(r -> r.tenant().equals(tenant)).findFirst().orElseThrow();
    }

    private String data(TenantId tenant) {
        return String.valueOf(db.queryOne("SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM \""
                + module.schema(tenant) + "\".transfers t"));
    }

    @Test
    void disableKeepsTheDataAndEnablingAgainUpgradesFromTheStoredVersion() {
        module.init(ACME, Optional.empty(), V1, Map.of());
        db.execute("INSERT INTO acme_mod_transfers.transfers VALUES (100, 1)");
        String before = data(ACME);

        assertThat(module.disable(ACME)).contains(Version.parse("1.0.0"));
        assertThat(record(ACME).enabled()).isFalse();
        assertThat(record(ACME).version()).contains(Version.parse("1.0.0"));
        assertThat(data(ACME)).isEqualTo(before);
        assertThat(module.disable(ACME)).as("disabling twice changes nothing").contains(Version.parse("1.0.0"));
        assertThat(module.disable(TenantId.parse("nobody"))).isEmpty();

        // Okapi enables it again with no module_from: the module finds the kept data and upgrades it
        TenantResult again = module.init(ACME, Optional.empty(), V2, Map.of());
        assertThat(again.outcome()).isEqualTo(TenantOutcome.UPGRADED);
        assertThat(again.from()).contains(Version.parse("1.0.0"));
        assertThat(again.message()).hasValueSatisfying(m -> assertThat(m).contains("enabled again"));
        assertThat(record(ACME).enabled()).isTrue();
        assertThat(db.queryOne("SELECT quote_id FROM acme_mod_transfers.transfers WHERE id = 100")).isEqualTo("q100");
    }

    @Test
    void disabledTenantsAreLeftOutOfAFleetUpgrade() {
        module.init(ACME, Optional.empty(), V1, Map.of());
        TenantId other = TenantId.parse("other");
        module.init(other, Optional.empty(), V1, Map.of());
        module.disable(other);
        TenantUpgrader.Report report = new TenantUpgrader(module).upgrade(V2, Optional.empty(), 2, false);
        assertThat(report.results()).extracting(TenantResult::tenant).containsExactly(ACME);
        assertThat(record(other).version()).contains(Version.parse("1.0.0"));
        assertThatThrownBy(() -> new TenantUpgrader(module).upgrade(V2, Optional.of(other), 1, false))
                .isInstanceOf(UpsilonException.class).hasMessageContaining("has no enabled mod-transfers");
    }

    @Test
    void aModuleFromThatDisagreesIsOverruledByTheStoredData() {
        module.init(ACME, Optional.empty(), V1, Map.of());
        // the caller believes 2.0.0; the data is at 1.0.0: upgraded from 1.0.0, and said so
        TenantResult up = module.init(ACME, Optional.of(V2), V201, Map.of());
        assertThat(up.outcome()).isEqualTo(TenantOutcome.UPGRADED);
        assertThat(up.from()).contains(Version.parse("1.0.0"));
        assertThat(up.message()).hasValueSatisfying(m -> assertThat(m)
                .contains("module_from 2.0.0 does not match the stored data version 1.0.0"));
        assertThat(db.queryOne("SELECT count(*) FROM acme_mod_transfers.transfers WHERE quote_id IS NULL"))
                .isEqualTo(0L);
        // the caller believes 1.0.0 and asks for 2.0.1, which is already there: 204, nothing runs
        String before = db.schemaDump();
        TenantResult same = module.init(ACME, Optional.of(V1), V201, Map.of());
        assertThat(same.outcome()).isEqualTo(TenantOutcome.UNCHANGED);
        assertThat(same.outcome().httpStatus()).isEqualTo(204);
        assertThat(same.from()).contains(Version.parse("2.0.1"));
        assertThat(db.schemaDump()).isEqualTo(before);
        // a module_from for a tenant with no data: an install
        TenantResult fresh = module.init(TenantId.parse("fresh"), Optional.of(V1), V2, Map.of());
        assertThat(fresh.outcome()).isEqualTo(TenantOutcome.CREATED);
        assertThat(fresh.from()).isEmpty();
    }

    /** Records what each task saw of the tenant's parameters, from Java and from SQL. */
    static final List<String> SEEN = Collections.synchronizedList(new ArrayList<>());

    @Test
    void tenantParametersReachJavaAndSqlTasks() {
        SEEN.clear();
        Manifest manifest = Manifest.of("mod-p", List.of(TaskDefinition.of(Version.parse("1.0.0"), "seed",
                () -> new BaseUpgradeTask() {
                    @Override
                    public void execute(TaskContext c) throws Exception {
                        TenantTaskContext t = (TenantTaskContext) c;
                        SEEN.add("java " + t.tenant() + " " + t.parameters() + " sample=" + t.flag("loadSample"));
                        try (PreparedStatement ps = c.connection().prepareStatement("SELECT"
                                + " current_setting('upsilon.tenant'),"
                                + " current_setting('upsilon.tenant.param.loadreference', true),"
                                + " current_setting('upsilon.tenant.param.missing', true)");
                             ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            SEEN.add("sql " + rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3));
                        }
                    }
                })));
        PgTenantModule p = new PgTenantModule(db.dataSource(), "mod-p", manifest);
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("loadReference", "false");
        parameters.put("loadSample", "TRUE");
        parameters.put("odd key!", "x");
        assertThat(p.init(ACME, Optional.empty(), ModuleId.parse("mod-p-1.0.0"), parameters).outcome())
                .isEqualTo(TenantOutcome.CREATED);
        assertThat(SEEN).containsExactly("java acme {loadReference=false, loadSample=TRUE, odd key!=x} sample=true",
                "sql acme false null");
        // the settings were local to the tenant's transaction
        assertThat(db.queryOne("SELECT coalesce(current_setting('upsilon.tenant', true), '')")).isEqualTo("");
    }

    @Test
    void aFailedCanaryCheckRollsTheCanaryBackAndTouchesNoOtherTenant() {
        List<TenantId> tenants = List.of(ACME, TenantId.parse("b1"), TenantId.parse("b2"));
        tenants.forEach(t -> module.init(t, Optional.empty(), V1, Map.of()));
        String before = tenants.stream().map(this::data).collect(Collectors.joining());
        List<TenantResult> checked = new ArrayList<>();
        TenantUpgradeOptions options = TenantUpgradeOptions.builder().canary(ACME).parallel(2)
                .canaryCheck(r -> {
                    checked.add(r);
                    // what the check sees is the canary really upgraded
                    assertThat(db.queryOne("SELECT count(*) FROM information_schema.columns WHERE table_schema ="
                            + " 'acme_mod_transfers' AND column_name = 'quote_id'")).isEqualTo(1L);
                    return Optional.of("smoke test: 3 of 40 requests failed");
                }).build();
        TenantUpgrader.Report report = new TenantUpgrader(module).upgrade(V2, options);
        assertThat(checked).singleElement().satisfies(r -> assertThat(r.tenant()).isEqualTo(ACME));
        assertThat(report.canaryFailed()).isTrue();
        assertThat(report.failed()).isTrue();
        assertThat(report.canaryFailure().orElseThrow().restored()).isTrue();
        assertThat(report.error()).contains(io.upsilon.ErrorCode.CANARY_CHECK_FAILED);
        assertThat(report.skipped()).extracting(TenantRecord::tenant).containsExactly(TenantId.parse("b1"),
                TenantId.parse("b2"));
        assertThat(report.canaryMessage()).hasValueSatisfying(m -> assertThat(m)
                .contains("smoke test: 3 of 40 requests failed").contains("rolled back to 1.0.0")
                .contains("no other tenant was touched (2 skipped)"));
        tenants.forEach(t -> assertThat(record(t).version()).contains(Version.parse("1.0.0")));
        assertThat(db.queryOne("SELECT count(*) FROM information_schema.columns WHERE table_schema ="
                + " 'acme_mod_transfers' AND column_name = 'quote_id'")).isEqualTo(0L);
        assertThat(tenants.stream().map(this::data).collect(Collectors.joining())).isEqualTo(before);
    }

    @Test
    void aCanaryThatCannotBeRolledBackSaysSoAndStays() {
        module.init(ACME, Optional.empty(), V2, Map.of());
        module.init(TenantId.parse("b1"), Optional.empty(), V2, Map.of());
        TenantUpgradeOptions options = TenantUpgradeOptions.builder().canary(ACME)
                .canaryCheck(r -> Optional.of("bad")).build();
        TenantUpgrader.Report report = new TenantUpgrader(module).upgrade(V201, options);
        TenantUpgrader.CanaryFailure failure = report.canaryFailure().orElseThrow();
        assertThat(failure.restored()).isFalse();
        assertThat(failure.rollback()).hasValueSatisfying(r -> assertThat(r.outcome())
                .isEqualTo(TenantOutcome.REJECTED));
        assertThat(report.canaryMessage()).hasValueSatisfying(m -> assertThat(m)
                .contains("could not be rolled back").contains("task not-null of version 2.0.1 has no rollback")
                .contains("stays at 2.0.1 with its check failed"));
        assertThat(record(ACME).version()).contains(Version.parse("2.0.1"));
        assertThat(record(ACME).lastOutcome()).isEqualTo(TenantOutcome.REJECTED);
        assertThat(record(TenantId.parse("b1")).version()).contains(Version.parse("2.0.0"));
    }

    @Test
    void aCanaryCheckCommandGetsTheTenantAndModuleInItsEnvironment() throws Exception {
        module.init(ACME, Optional.empty(), V1, Map.of());
        java.nio.file.Path out = java.nio.file.Files.createTempFile("canary", ".env");
        CanaryCheck pass = CanaryCheck.command(List.of("sh", "-c", "echo \"$UPSILON_TENANT $UPSILON_MODULE"
                + " $UPSILON_MODULE_FROM $UPSILON_MODULE_TO\" > " + out), java.time.Duration.ofSeconds(30));
        TenantUpgrader.Report ok = new TenantUpgrader(module).upgrade(V2, TenantUpgradeOptions.builder()
                .canary(ACME).canaryCheck(pass).build());
        assertThat(ok.failed()).isFalse();
        assertThat(java.nio.file.Files.readString(out).strip())
                .isEqualTo("acme mod-transfers mod-transfers-1.0.0 mod-transfers-2.0.0");
        CanaryCheck fail = CanaryCheck.command(List.of("sh", "-c", "echo checking; echo 'orders endpoint 500'; exit 3"),
                java.time.Duration.ofSeconds(30));
        TenantUpgrader.Report bad = new TenantUpgrader(module).upgrade(V1, TenantUpgradeOptions.builder()
                .canary(ACME).canaryCheck(fail).build());
        assertThat(bad.canaryFailure().orElseThrow().reason())
                .isEqualTo("the check command exited with 3 (orders endpoint 500)");
        assertThat(record(ACME).version()).as("rolled back up again to where the run found it")
                .contains(Version.parse("2.0.0"));
    }

    @Test
    void parallelRunsStartNoNewTenantAfterAFailureAndTellTheListener() {
        List<TenantId> tenants = new ArrayList<>();
        for (int i = 1; i <= 12; i++) {
            tenants.add(TenantId.parse(String.format("p%02d", i)));
        }
        tenants.forEach(t -> module.init(t, Optional.empty(), V1, Map.of()));
        TransfersModule.FAIL_FOR.add(module.schema(tenants.get(5)));
        List<String> events = Collections.synchronizedList(new ArrayList<>());
        // p06 fails only once p07-p09 run beside it (four workers: p02-p05 are done by then), and p07 and later
        // wait until p06 has failed, so the run's stop is certain to come after p09 and before p10 is picked
        java.util.concurrent.CountDownLatch failed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch besideFailing = new java.util.concurrent.CountDownLatch(3);
        TenantModule held = new TenantModule() {
            @Override
            public String name() {
                return module.name();
            }

            @Override
            public TenantResult init(TenantId t, Optional<ModuleId> from, ModuleId to, Map<String, String> p) {
                try {
                    if (t.equals(tenants.get(5))) {
                        besideFailing.await(60, TimeUnit.SECONDS);
                    } else if (t.compareTo(tenants.get(5)) > 0) {
                        besideFailing.countDown();
                        failed.await();
                    }
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return module.init(t, from, to, p);
            }

            @Override
            public Optional<Version> disable(TenantId t) {
                return module.disable(t);
            }

            @Override
            public boolean purge(TenantId t) {
                return module.purge(t);
            }

            @Override
            public List<TenantRecord> tenants() {
                return module.tenants();
            }
        };
        TenantUpgrader.Listener listener = new TenantUpgrader.Listener() {
            @Override
            public void planned(List<TenantId> order) {
                events.add("planned " + order.size());
            }

            @Override
            public void started(TenantId tenant, Optional<Version> from) {
                events.add("started " + tenant);
            }

            @Override
            public void finished(TenantResult result) {
                events.add("finished " + result.tenant() + " " + result.outcome());
                if (result.outcome() == TenantOutcome.FAILED) {
                    failed.countDown();
                }
            }
        };
        TenantUpgrader.Report report = new TenantUpgrader(held).upgrade(V2, TenantUpgradeOptions.builder()
                .canary(tenants.get(0)).parallel(4).listener(listener).build());
        assertThat(events.get(0)).isEqualTo("planned 12");
        assertThat(events.get(1)).isEqualTo("started p01");
        assertThat(events.get(2)).isEqualTo("finished p01 UPGRADED");
        assertThat(report.results()).filteredOn(r -> r.outcome() == TenantOutcome.FAILED).singleElement()
                .satisfies(r -> assertThat(r.tenant()).isEqualTo(tenants.get(5)));
        int started = report.results().size();
        assertThat(started + report.skipped().size()).isEqualTo(12);
        // the three running beside p06 finish; nothing after them starts
        assertThat(report.skipped()).extracting(TenantRecord::tenant).containsExactlyElementsOf(tenants.subList(9, 12));
        tenants.subList(6, 9).forEach(t -> assertThat(record(t).version()).contains(Version.parse("2.0.0")));
        assertThat(events.stream().filter(e -> e.startsWith("started")).count()).isEqualTo(started);
        assertThat(events.stream().filter(e -> e.startsWith("finished")).count()).isEqualTo(started);
        report.skipped().forEach(t -> assertThat(record(t.tenant()).version()).contains(Version.parse("1.0.0")));
        // and no tenant started after the failure was known
        int failedAt = events.indexOf("finished p06 FAILED");
        assertThat(events.subList(failedAt, events.size())).noneMatch(e -> e.startsWith("started"));
    }

    @Test
    void installBringsManyTenantsInCanaryFirstInParallelAndActsOnWhatEachHas() {
        module.init(TenantId.parse("old"), Optional.empty(), V1, Map.of());
        List<TenantId> tenants = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            tenants.add(TenantId.parse("n" + i));
        }
        tenants.add(TenantId.parse("old"));
        List<TenantId> started = Collections.synchronizedList(new ArrayList<>());
        TenantUpgrader.Report report = new TenantUpgrader(module).install(V2, tenants, TenantUpgradeOptions.builder()
                .canary(TenantId.parse("n7")).parallel(3).listener(new TenantUpgrader.Listener() {
                    @Override
                    public void started(TenantId tenant, Optional<Version> from) {
                        started.add(tenant);
                    }
                }).build());
        assertThat(report.failed()).isFalse();
        assertThat(started.get(0)).isEqualTo(TenantId.parse("n7"));
        assertThat(report.results()).hasSize(10);
        assertThat(report.results()).filteredOn(r -> r.outcome() == TenantOutcome.CREATED).hasSize(9);
        assertThat(report.results()).filteredOn(r -> r.outcome() == TenantOutcome.UPGRADED).singleElement()
                .satisfies(r -> assertThat(r.from()).contains(Version.parse("1.0.0")));
        tenants.forEach(t -> assertThat(record(t).version()).contains(Version.parse("2.0.0")));
        TenantUpgrader.Report checked = new TenantUpgrader(module).install(V2, List.of(ACME, TenantId.parse("z1")),
                TenantUpgradeOptions.builder().canary(ACME).canaryCheck(r -> Optional.of("no")).build());
        assertThat(checked.canaryMessage()).hasValueSatisfying(m -> assertThat(m)
                .contains("it was installed by the run and stays installed"));
        assertThat(checked.rows()).last().satisfies(r -> {
            assertThat(r.tenant()).isEqualTo(TenantId.parse("z1"));
            assertThat(r.from()).as("a new tenant stays without the module").isEmpty();
            assertThat(r.outcome()).isEqualTo("SKIPPED");
        });
        assertThat(module.tenants()).noneMatch(r -> r.tenant().equals(TenantId.parse("z1")));
        assertThatThrownBy(() -> new TenantUpgrader(module).install(V2, List.of(ACME, ACME),
                TenantUpgradeOptions.builder().build())).hasMessageContaining("named twice");
        assertThatThrownBy(() -> new TenantUpgrader(module).install(V2, List.of(ACME),
                TenantUpgradeOptions.builder().canary(TenantId.parse("zz")).build()))
                .hasMessageContaining("not one of the tenants");
    }

    @Test
    void theRegistryReadsEveryModuleAndCreatesNothingWhereThereIsNone() {
        TestDatabase empty = PostgresFixture.newDatabase();
        assertThat(new TenantRegistry(empty.dataSource()).all()).isEmpty();
        assertThat(empty.queryOne("SELECT count(*) FROM pg_tables WHERE tablename = 'upsilon_tenant'")).isEqualTo(0L);
        module.init(ACME, Optional.empty(), V1, Map.of());
        new PgTenantModule(db.dataSource(), "mod-other", TransfersModule.manifest())
                .init(ACME, Optional.empty(), ModuleId.parse("mod-other-1.0.0"), Map.of());
        assertThat(new TenantRegistry(db.dataSource()).all()).extracting(TenantRecord::module)
                .containsExactly("mod-other", "mod-transfers");
    }
}
