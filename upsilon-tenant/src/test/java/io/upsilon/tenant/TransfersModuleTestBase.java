package io.upsilon.tenant;

import io.upsilon.ModuleId;
import io.upsilon.tenant.pg.PgTenantModule;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A fresh database per test with {@link TransfersModule} as a schema-per-tenant module; no failure switched on. */
abstract class TransfersModuleTestBase {

    static final ModuleId V1 = ModuleId.parse("mod-transfers-1.0.0");
    static final ModuleId V2 = ModuleId.parse("mod-transfers-2.0.0");
    static final ModuleId V201 = ModuleId.parse("mod-transfers-2.0.1");

    TestDatabase db;
    PgTenantModule module;

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        module = new PgTenantModule(db.dataSource(), "mod-transfers", TransfersModule.manifest());
    }

    @AfterEach
    void clearFailures() {
        TransfersModule.FAIL_FOR.clear();
    }
}
