package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.UpgradeCallback;
import io.upsilon.UpgradeEvent;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonException;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A DDL task blocked by an application transaction gives up after {@code lock_timeout} instead of queueing the
 * application's queries behind its exclusive lock, and is retried in a fresh transaction.
 */
class LockTimeoutIT {

    private TestDatabase db;
    private final List<UpgradeEvent> events = new CopyOnWriteArrayList<>();
    private final Manifest manifest = Tasks.manifest(
            Tasks.sql("1.0", "alter", "ALTER TABLE accounts ADD COLUMN note text"));

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        db.execute("CREATE TABLE accounts (id int); INSERT INTO accounts VALUES (1)");
    }

    private Upsilon node(int attempts, UpgradeCallback callback) {
        PostgresBackend backend = PostgresBackend.create(db.dataSource(),
                PostgresSettings.builder().lockTimeout(Duration.ofMillis(300)).build());
        return Upsilon.create(Nodes.config(backend, LockKind.ADVISORY, "n", manifest).taskAttempts(attempts)
                .retryBackoff(Duration.ofMillis(100)).callback((e, c) -> events.add(e)).callback(callback).build());
    }

    @Test
    void aBlockedDdlFailsAfterItsRetriesAndTheApplicationKeepsReading() throws Exception {
        try (Connection reader = db.dataSource().getConnection(); Statement s = reader.createStatement()) {
            reader.setAutoCommit(false);
            s.executeQuery("SELECT * FROM accounts").close(); // idle in transaction, holding ACCESS SHARE
            assertThatThrownBy(() -> node(3, (e, c) -> { }).upgrade())
                    .isInstanceOfSatisfying(UpsilonException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.TASK_FAILED))
                    .hasMessageContaining("after 3 attempts").hasMessageContaining("lock timeout")
                    // the remedy names the setting and what to look for, not just "fix the cause"
                    .hasMessageContaining("longer than lock_timeout (300 ms)")
                    .hasMessageContaining("idle in transaction").hasMessageContaining("raise the lock timeout");
            // the application's own reads were never stuck behind the waiting ALTER
            s.executeQuery("SELECT * FROM accounts").close();
            reader.rollback();
        }
        assertThat(events.stream().filter(e -> e == UpgradeEvent.TASK_RETRY)).hasSize(2);
        assertThat(db.queryOne("SELECT count(*) FROM information_schema.columns WHERE column_name = 'note'"))
                .isEqualTo(0L);
    }

    @Test
    void aBlockedDdlSucceedsOnARetryOnceTheBlockerCommits() throws Exception {
        Connection reader = db.dataSource().getConnection();
        reader.setAutoCommit(false);
        reader.createStatement().executeQuery("SELECT * FROM accounts").close();
        Upsilon releasing = node(10, (e, c) -> {
            if (e == UpgradeEvent.TASK_RETRY) {
                try {
                    reader.close(); // the blocking transaction ends; the next attempt gets its lock
                } catch (Exception ignored) {
                    // already closed on an earlier retry
                }
            }
        });
        releasing.upgrade();
        assertThat(events).contains(UpgradeEvent.TASK_RETRY, UpgradeEvent.AFTER_TASK);
        assertThat(db.queryOne("SELECT count(*) FROM information_schema.columns WHERE column_name = 'note'"))
                .isEqualTo(1L);
    }
}
