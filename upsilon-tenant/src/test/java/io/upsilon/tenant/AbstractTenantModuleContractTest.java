package io.upsilon.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.ModuleId;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link TenantModule} passes, through a thin subclass that makes a fresh module (no tenants) with
 * two versions, a way to make an upgrade fail half-way for one tenant, and a fingerprint of a tenant's data.
 */
public abstract class AbstractTenantModuleContractTest {

    /**
     * A module and what the tests need to know about it.
     *
     * @param module       a fresh module, with no tenants
     * @param first        a version of it
     * @param second       a later version, reached from {@code first} by tasks that can be rolled back
     * @param breakUpgrade makes every later upgrade of the tenant to {@code second} fail after it changed something
     * @param data         a fingerprint of the tenant's data and its shape: equal exactly when nothing of it changed;
     *                     the same for every tenant that has none
     */
    public record Fixture(TenantModule module, ModuleId first, ModuleId second, Consumer<TenantId> breakUpgrade,
                          Function<TenantId, String> data) {
    }

    /** A fresh module. */
    protected abstract Fixture newFixture();

    private static final TenantId T1 = TenantId.parse("contract1");
    private static final TenantId T2 = TenantId.parse("contract2");

    private TenantModule module;
    private Fixture fixture;
    private Version first;
    private Version second;

    @BeforeEach
    void setUpModule() {
        fixture = newFixture();
        module = fixture.module();
        first = fixture.first().version().orElseThrow();
        second = fixture.second().version().orElseThrow();
    }

    private TenantResult init(TenantId tenant, ModuleId to) {
        return module.init(tenant, Optional.empty(), to, Map.of());
    }

    private TenantRecord record(TenantId tenant) {
        return module.tenants().stream().filter(r -> r.tenant().equals(tenant)).findFirst()
                .orElseThrow(() -> new AssertionError("no registry row for " + tenant + ": " + module.tenants()));
    }

    @Test
    void aNewTenantIsCreatedAtTheVersionAndEnabled() {
        String none = fixture.data().apply(T1);
        TenantResult created = init(T1, fixture.first());
        assertThat(created.outcome()).isEqualTo(TenantOutcome.CREATED);
        assertThat(created.from()).isEmpty();
        assertThat(created.to()).isEqualTo(first);
        assertThat(created.module()).isEqualTo(module.name());
        TenantRecord row = record(T1);
        assertThat(row.version()).contains(first);
        assertThat(row.enabled()).isTrue();
        assertThat(row.lastOutcome()).isEqualTo(TenantOutcome.CREATED);
        assertThat(fixture.data().apply(T1)).isNotEqualTo(none);
    }

    @Test
    void initAtTheStoredVersionChangesNothing() {
        init(T1, fixture.first());
        String data = fixture.data().apply(T1);
        TenantResult again = init(T1, fixture.first());
        assertThat(again.outcome()).isEqualTo(TenantOutcome.UNCHANGED);
        assertThat(again.from()).contains(first);
        assertThat(fixture.data().apply(T1)).isEqualTo(data);
    }

    @Test
    void anUpgradeStartsFromTheStoredVersionWhateverTheCallerBelieves() {
        init(T1, fixture.first());
        TenantResult upgraded = module.init(T1, Optional.of(fixture.second()), fixture.second(), Map.of());
        assertThat(upgraded.outcome()).isEqualTo(TenantOutcome.UPGRADED);
        assertThat(upgraded.from()).as("the version really started from").contains(first);
        assertThat(upgraded.message()).as("the disagreeing module_from is named").isPresent();
        assertThat(record(T1).version()).contains(second);
    }

    @Test
    void aFailedUpgradeLeavesTheTenantExactlyAsBefore() {
        init(T1, fixture.first());
        String before = fixture.data().apply(T1);
        fixture.breakUpgrade().accept(T1);
        TenantResult failed = init(T1, fixture.second());
        assertThat(failed.outcome()).isEqualTo(TenantOutcome.FAILED);
        assertThat(failed.message()).isPresent();
        assertThat(fixture.data().apply(T1)).isEqualTo(before);
        TenantRecord row = record(T1);
        assertThat(row.version()).contains(first);
        assertThat(row.lastOutcome()).isEqualTo(TenantOutcome.FAILED);
        assertThat(row.lastError()).isPresent();
    }

    @Test
    void oneTenantsFailureLeavesTheOthersAlone() {
        init(T1, fixture.first());
        init(T2, fixture.first());
        fixture.breakUpgrade().accept(T1);
        assertThat(init(T1, fixture.second()).outcome()).isEqualTo(TenantOutcome.FAILED);
        assertThat(init(T2, fixture.second()).outcome()).isEqualTo(TenantOutcome.UPGRADED);
        assertThat(record(T2).version()).contains(second);
    }

    @Test
    void aDowngradeRollsTheDataBack() {
        init(T1, fixture.first());
        String atFirst = fixture.data().apply(T1);
        init(T1, fixture.second());
        assertThat(fixture.data().apply(T1)).isNotEqualTo(atFirst);
        TenantResult down = init(T1, fixture.first());
        assertThat(down.outcome()).isEqualTo(TenantOutcome.UPGRADED);
        assertThat(down.from()).contains(second);
        assertThat(record(T1).version()).contains(first);
        assertThat(fixture.data().apply(T1)).isEqualTo(atFirst);
    }

    @Test
    void disablingKeepsTheDataAndInitEnablesAgain() {
        assertThat(module.disable(T1)).as("nothing to disable").isEmpty();
        init(T1, fixture.first());
        String data = fixture.data().apply(T1);
        assertThat(module.disable(T1)).contains(first);
        assertThat(record(T1).enabled()).isFalse();
        assertThat(record(T1).version()).contains(first);
        assertThat(module.disable(T1)).as("disabling twice").contains(first);
        assertThat(fixture.data().apply(T1)).isEqualTo(data);
        TenantResult again = init(T1, fixture.second());
        assertThat(again.outcome()).isEqualTo(TenantOutcome.UPGRADED);
        assertThat(again.from()).contains(first);
        assertThat(record(T1).enabled()).isTrue();
    }

    @Test
    void purgingRemovesTheDataAndTheRow() {
        String none = fixture.data().apply(T1);
        init(T1, fixture.first());
        init(T2, fixture.first());
        assertThat(module.purge(T1)).isTrue();
        assertThat(module.tenants()).extracting(TenantRecord::tenant).containsExactly(T2);
        assertThat(fixture.data().apply(T1)).isEqualTo(none);
        assertThat(module.purge(T1)).as("nothing left").isFalse();
        assertThat(init(T1, fixture.first()).outcome()).as("a purged tenant starts anew")
                .isEqualTo(TenantOutcome.CREATED);
    }

    @Test
    void anotherModulesVersionIsRefused() {
        ModuleId other = ModuleId.of(module.name() + "-other", first);
        assertThatThrownBy(() -> init(T1, other)).isInstanceOfSatisfying(UpsilonException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT));
        assertThat(module.tenants()).isEmpty();
    }
}
