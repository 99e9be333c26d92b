package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.spi.ChangeFeed;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The polling feed (for PgBouncer in transaction pooling): the nodes of one process share one poll of their
 * database, on one connection, and each hears the data version as the payload, as a notification would carry it.
 */
class PollingFeedIT {

    @Test
    void nodesOfOneProcessShareOnePollAndHearTheVersion() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        Nodes.node(db, "setup", Tasks.manifest(Tasks.sql("1.0", "one", "SELECT 1"))).upgrade();
        List<BlockingQueue<Optional<String>>> heard = new ArrayList<>();
        List<AutoCloseable> subscriptions = new ArrayList<>();
        try {
            for (String id : List.of("pa", "pb", "pc")) {
                BlockingQueue<Optional<String>> queue = new LinkedBlockingQueue<>();
                heard.add(queue);
                subscriptions.add(PostgresBackend.create(db.dataSource("upsilon:" + id)).pollingFeed()
                        .subscribeWithPayload(ChangeFeed.Topic.DATA_VERSION, Duration.ofMillis(50), queue::add));
            }
            for (BlockingQueue<Optional<String>> queue : heard) {
                assertThat(queue.poll(30, TimeUnit.SECONDS)).as("a poll's payload").contains("1.0");
            }
            assertThat(db.queryOne("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    + " AND application_name LIKE 'upsilon:p%'")).as("connections of the three subscriptions")
                    .isEqualTo(1L);
        } finally {
            for (AutoCloseable s : subscriptions) {
                s.close();
            }
        }
    }
}
