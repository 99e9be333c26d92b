package io.upsilon.tenant;

import java.time.Duration;

/** A module guarded by a {@link TenantGate} still passes the {@link TenantModule} contract. */
class GatedTenantModuleIT extends PgTenantModuleIT {

    @Override
    protected Fixture newFixture() {
        Fixture bare = super.newFixture();
        return new Fixture(TenantGate.of(Duration.ofSeconds(5)).guard(bare.module()), bare.first(), bare.second(),
                bare.breakUpgrade(), bare.data());
    }
}
