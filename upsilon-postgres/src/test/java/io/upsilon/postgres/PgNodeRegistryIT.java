package io.upsilon.postgres;

import io.upsilon.postgres.internal.PgNodeRegistry;
import io.upsilon.spi.NodeRegistry;
import io.upsilon.testsupport.AbstractNodeRegistryContractTest;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;

/** The node table passes the {@link NodeRegistry} contract, each test in a schema of its own. */
class PgNodeRegistryIT extends AbstractNodeRegistryContractTest {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static TestDatabase db;

    @BeforeAll
    static void database() {
        db = PostgresFixture.newDatabase();
    }

    @Override
    protected NodeRegistry newRegistry() {
        return PostgresBackend.create(db.dataSource(),
                PostgresSettings.builder().schema("nodes_" + SCHEMAS.incrementAndGet()).build()).nodes();
    }

    @Override
    protected Connection taggedSession(String nodeId) throws SQLException {
        Connection c = db.dataSource().getConnection();
        try (Statement s = c.createStatement()) {
            s.execute("SET application_name = '" + PgNodeRegistry.SESSION_TAG + nodeId + "'");
        }
        return c;
    }
}
