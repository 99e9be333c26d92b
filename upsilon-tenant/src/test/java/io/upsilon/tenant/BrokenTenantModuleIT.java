package io.upsilon.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.upsilon.ModuleId;
import io.upsilon.Version;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The tenant module contract suite can fail: it runs (through JUnit's {@link EngineTestKit}) against a module broken
 * on purpose, and must report the test that the mutation breaks.
 */
class BrokenTenantModuleIT {

    @Test
    void theSuiteCatchesAModuleWhoseDisableDropsTheData() {
        List<String> failed = EngineTestKit.engine("junit-jupiter").selectors(selectClass(DisableDropsData.class))
                .execute().testEvents().failed().stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
        assertThat(failed).contains("disablingKeepsTheDataAndInitEnablesAgain()");
    }

    /** The schema-per-tenant module, except that disabling a tenant purges it (Okapi's disable keeps the data). */
    static class DisableDropsData extends PgTenantModuleIT {
        @Override
        protected Fixture newFixture() {
            Fixture real = super.newFixture();
            TenantModule module = real.module();
            TenantModule broken = new TenantModule() {
                @Override
                public String name() {
                    return module.name();
                }

                @Override
                public TenantResult init(TenantId tenant, Optional<ModuleId> from, ModuleId to,
                                         Map<String, String> parameters) {
                    return module.init(tenant, from, to, parameters);
                }

                @Override
                public Optional<Version> disable(TenantId tenant) {
                    Optional<Version> kept = module.tenants().stream().filter(r -> r.tenant().equals(tenant))
                            .findFirst().flatMap(TenantRecord::version);
                    module.purge(tenant);
                    return kept;
                }

                @Override
                public boolean purge(TenantId tenant) {
                    return module.purge(tenant);
                }

                @Override
                public List<TenantRecord> tenants() {
                    return module.tenants();
                }
            };
            return new Fixture(broken, real.first(), real.second(), real.breakUpgrade(), real.data());
        }
    }
}
