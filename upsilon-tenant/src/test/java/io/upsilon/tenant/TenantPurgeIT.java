package io.upsilon.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.ModuleId;
import io.upsilon.Version;
import io.upsilon.tenant.pg.PgTenantModule;
import io.upsilon.tenant.pg.PurgeResult;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link PgTenantModule#purgeOwned}: only what the registry gives the tenant is dropped. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TenantPurgeIT {

    private static final TenantId ACME = TenantId.parse("acme");

    private TestDatabase db;
    private PgTenantModule module;

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        module = new PgTenantModule(db.dataSource(), "mod-transfers", TransfersModule.manifest());
    }

    private boolean schemaExists(String schema) {
        return (Long) db.queryOne("SELECT count(*) FROM pg_namespace WHERE nspname = '" + schema + "'") == 1L;
    }

    @Test
    void anInstalledTenantIsPurgedWithItsSchemaAndRow() {
        module.init(ACME, Optional.empty(), ModuleId.parse("mod-transfers-1.0.0"), Map.of());
        module.init(TenantId.parse("b1"), Optional.empty(), ModuleId.parse("mod-transfers-1.0.0"), Map.of());

        PurgeResult purged = module.purgeOwned(ACME);

        assertThat(purged.outcome()).isEqualTo(PurgeResult.Outcome.PURGED);
        assertThat(purged.schema()).isEqualTo("acme_mod_transfers");
        assertThat(purged.version()).contains(Version.parse("1.0.0"));
        assertThat(purged.refused()).isFalse();
        assertThat(purged.error()).isEmpty();
        assertThat(purged.describe()).isEqualTo("Purged tenant acme's mod-transfers: dropped schema acme_mod_transfers"
                + " and its registry row (it was at 1.0.0).");
        assertThat(purged.note()).isEmpty();
        assertThat(schemaExists("acme_mod_transfers")).isFalse();
        assertThat(schemaExists("b1_mod_transfers")).as("another tenant's schema").isTrue();
        assertThat(module.tenants()).extracting(TenantRecord::tenant).containsExactly(TenantId.parse("b1"));

        PurgeResult again = module.purgeOwned(ACME);
        assertThat(again.outcome()).isEqualTo(PurgeResult.Outcome.NOTHING_TO_PURGE);
        assertThat(again.message()).isEmpty();
        assertThat(again.describe()).isEqualTo("Nothing to purge: tenant acme has no mod-transfers.");
    }

    @Test
    void aSchemaOfTheNameThatNoTenantOwnsIsLeftAndNamed() {
        db.execute("CREATE SCHEMA app_mod_transfers; CREATE TABLE app_mod_transfers.keep (id int)");

        PurgeResult result = module.purgeOwned(TenantId.parse("app"));

        assertThat(result.outcome()).isEqualTo(PurgeResult.Outcome.NOTHING_TO_PURGE);
        assertThat(result.message()).hasValueSatisfying(m -> assertThat(m)
                .contains("schema app_mod_transfers exists", "left as it is"));
        assertThat(result.note()).hasValueSatisfying(n -> assertThat(n).startsWith("Schema app_mod_transfers exists")
                .endsWith("left as it is."));
        assertThat(result.describe()).isEqualTo("Nothing to purge: tenant app has no mod-transfers. "
                + result.note().orElseThrow());
        assertThat(schemaExists("app_mod_transfers")).isTrue();
    }

    /** acme_mod + transfers and acme + mod-transfers share acme_mod_transfers; the failed install owns nothing. */
    @Test
    void aFailedInstallDoesNotOwnTheSchemaOfAnotherTenantAndModule() {
        PgTenantModule other = new PgTenantModule(db.dataSource(), "transfers", Manifest.of("transfers", List.of(
                TransfersModule.task("1.0.0", "boom", "SELECT 1 / 0", null))));
        TenantId clash = TenantId.parse("acme_mod");
        assertThat(other.init(clash, Optional.empty(), ModuleId.parse("transfers-1.0.0"), Map.of()).outcome())
                .isEqualTo(TenantOutcome.FAILED);
        module.init(ACME, Optional.empty(), ModuleId.parse("mod-transfers-1.0.0"), Map.of());
        Object data = db.queryOne("SELECT count(*) FROM acme_mod_transfers.transfers");

        PurgeResult result = other.purgeOwned(clash);

        assertThat(result.outcome()).isEqualTo(PurgeResult.Outcome.NOT_OWNED);
        assertThat(result.refused()).isTrue();
        assertThat(result.error()).contains(ErrorCode.SCHEMA_NOT_OWNED);
        assertThat(result.message()).hasValueSatisfying(m -> assertThat(m)
                .contains("schema acme_mod_transfers belongs to tenant acme's mod-transfers", "nothing purged")
                .doesNotContain("--"));
        assertThat(result.describe()).isEqualTo(result.message().orElseThrow());
        assertThat(result.note()).isEmpty();
        assertThat(db.queryOne("SELECT count(*) FROM acme_mod_transfers.transfers")).isEqualTo(data);
        assertThat(other.tenants()).extracting(TenantRecord::tenant).containsExactly(clash);
    }
}
