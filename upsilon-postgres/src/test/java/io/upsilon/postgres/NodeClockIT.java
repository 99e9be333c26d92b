package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.NodeState;
import io.upsilon.Version;
import io.upsilon.spi.NodeRecord;
import io.upsilon.spi.NodeRegistry;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link NodeRegistry#now()}: the node table's ages are judged on the database's clock, which it answers with. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class NodeClockIT {

    @Test
    void nowIsTheDatabasesClockThatGoneIsDecidedOn() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        NodeRegistry nodes = PostgresBackend.create(db.dataSource()).nodes();
        nodes.register("n1", "host", Version.parse("1.0"), NodeState.READY, Duration.ofMillis(1));
        Thread.sleep(20);

        Instant before = ((Timestamp) db.queryOne("SELECT now()")).toInstant();
        Instant now = nodes.now();
        Instant after = ((Timestamp) db.queryOne("SELECT now()")).toInstant();
        NodeRecord n1 = nodes.nodes().get(0);

        assertThat(now).isBetween(before, after);
        assertThat(n1.gone()).isTrue();
        assertThat(now).isAfter(n1.heartbeatAt().plus(n1.ttl()));
    }
}
