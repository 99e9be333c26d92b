package io.upsilon.postgres;

import io.upsilon.spi.ChangeFeed;
import io.upsilon.spi.ChangeFeed.Topic;
import io.upsilon.testsupport.AbstractChangeFeedContractTest;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import org.junit.jupiter.api.BeforeAll;

/** LISTEN/NOTIFY passes the {@link ChangeFeed} contract; {@link Polling} runs it on the polling feed. */
class PgChangeFeedIT extends AbstractChangeFeedContractTest {

    static TestDatabase db;
    static PostgresBackend backend;

    @BeforeAll
    static void database() {
        db = PostgresFixture.newDatabase();
        backend = PostgresBackend.create(db.dataSource());
    }

    @Override
    protected ChangeFeed feed() {
        return backend.feed();
    }

    /** As the stores announce a commit: {@code pg_notify} on the topic's channel. */
    @Override
    protected void announce(Topic topic, String payload) throws Exception {
        String channel = topic == Topic.DATA_VERSION ? backend.settings().versionChannel()
                : backend.settings().maintenanceChannel();
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            ps.setString(1, channel);
            ps.setString(2, payload);
            ps.executeQuery().close();
        }
    }
}
