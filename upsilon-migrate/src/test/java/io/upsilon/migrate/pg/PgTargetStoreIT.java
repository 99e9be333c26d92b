package io.upsilon.migrate.pg;

import io.upsilon.migrate.spi.AbstractTargetStoreContractTest;
import io.upsilon.migrate.spi.TargetStore;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import org.junit.jupiter.api.BeforeAll;

/** The PostgreSQL target passes the {@link TargetStore} contract, on tables (and checkpoints) made fresh per test. */
class PgTargetStoreIT extends AbstractTargetStoreContractTest {

    private static TestDatabase db;

    @BeforeAll
    static void database() {
        db = PostgresFixture.newDatabase();
    }

    @Override
    protected TargetStore newTarget() {
        db.execute("DROP TABLE IF EXISTS items, pairs, " + PgTargetStore.CHECKPOINTS + ";"
                + " CREATE TABLE items (id int8 PRIMARY KEY, name text);"
                + " CREATE TABLE pairs (a text, b text, v text, PRIMARY KEY (a, b))");
        return new PgTargetStore(db.dataSource());
    }
}
