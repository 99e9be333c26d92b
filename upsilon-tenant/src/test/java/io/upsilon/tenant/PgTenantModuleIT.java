package io.upsilon.tenant;

import io.upsilon.ModuleId;
import io.upsilon.tenant.pg.PgTenantModule;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;

/** The schema-per-tenant module passes the {@link TenantModule} contract, in a database of its own per test. */
class PgTenantModuleIT extends AbstractTenantModuleContractTest {

    private static TestDatabase db;

    @BeforeAll
    static void database() {
        db = PostgresFixture.newDatabase();
    }

    @Override
    protected Fixture newFixture() {
        db.execute("DROP SCHEMA IF EXISTS contract1_mod_transfers, contract2_mod_transfers CASCADE;"
                + " DROP TABLE IF EXISTS upsilon_tenant");
        PgTenantModule module = new PgTenantModule(db.dataSource(), "mod-transfers", TransfersModule.manifest());
        return new Fixture(module, ModuleId.parse("mod-transfers-1.0.0"), ModuleId.parse("mod-transfers-2.0.0"),
                tenant -> TransfersModule.FAIL_FOR.add(module.schema(tenant)), tenant -> data(module.schema(tenant)));
    }

    /** The tenant schema's columns and a hash of its rows; "none" without the schema. */
    private static String data(String schema) {
        Object columns = db.queryOne("SELECT coalesce(string_agg(table_name || '.' || column_name || ' '"
                + " || data_type, ',' ORDER BY table_name, column_name), 'none') FROM information_schema.columns"
                + " WHERE table_schema = '" + schema + "'");
        if ("none".equals(columns)) {
            return "none";
        }
        return columns + " " + db.queryOne("SELECT md5(string_agg(t::text, ',' ORDER BY id)) FROM \"" + schema
                + "\".transfers t");
    }

    @AfterEach
    void clearFailures() {
        TransfersModule.FAIL_FOR.clear();
    }
}
