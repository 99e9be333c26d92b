package io.upsilon.postgres;

import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.testsupport.AbstractVersionStoreContractTest;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;

class PgVersionStoreIT extends AbstractVersionStoreContractTest {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static TestDatabase db;

    @BeforeAll
    static void database() {
        db = PostgresFixture.newDatabase();
    }

    @Override
    protected Fixture newFixture() {
        // a schema of its own per test: the store must create it and its tables from nothing
        PostgresBackend backend = PostgresBackend.create(db.dataSource(),
                PostgresSettings.builder().schema("store_" + SCHEMAS.incrementAndGet()).build());
        return new Fixture(backend.store(), node -> backend.lock(LockKind.ADVISORY, node));
    }
}
