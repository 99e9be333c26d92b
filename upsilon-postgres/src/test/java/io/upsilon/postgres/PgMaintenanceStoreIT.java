package io.upsilon.postgres;

import io.upsilon.spi.MaintenanceStore;
import io.upsilon.testsupport.AbstractMaintenanceStoreContractTest;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;

/** The maintenance row passes the {@link MaintenanceStore} contract, each test in a schema of its own. */
class PgMaintenanceStoreIT extends AbstractMaintenanceStoreContractTest {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static TestDatabase db;
    private PostgresSettings settings;

    @BeforeAll
    static void database() {
        db = PostgresFixture.newDatabase();
    }

    @Override
    protected MaintenanceStore newStore() {
        settings = PostgresSettings.builder().schema("maintenance_" + SCHEMAS.incrementAndGet()).build();
        return sameFlag();
    }

    @Override
    protected MaintenanceStore sameFlag() {
        return PostgresBackend.create(db.dataSource(), settings).maintenance();
    }
}
