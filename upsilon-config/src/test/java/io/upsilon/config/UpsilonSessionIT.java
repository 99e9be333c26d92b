package io.upsilon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpgradeResult;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session opened from settings alone, on a real PostgreSQL: what an embedding service gets. */
class UpsilonSessionIT {

    private static final String PASSWORD = "pw-4711-canary";

    @TempDir
    Path tmp;

    private Path manifest(String secondScript) throws Exception {
        Files.createDirectories(tmp.resolve("sql"));
        Files.writeString(tmp.resolve("upsilon.tasks"), "1.0\n  - sql/items.sql\n1.1\n  - sql/second.sql\n");
        Files.writeString(tmp.resolve("sql/items.sql"), "CREATE TABLE ${table} (id int PRIMARY KEY);");
        Files.writeString(tmp.resolve("sql/second.sql"), secondScript);
        return tmp;
    }

    private static UpsilonSettings settings(Map<String, String> env) {
        return UpsilonSettings.builder().env(env).defaultPlaces(List.of()).build();
    }

    @Test
    void theSettingsGiveTheDatabaseManifestPlaceholdersAndTablesOfAnUpgrade() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        Map<String, String> env = Map.of("UPSILON_URL", db.jdbcUrl(), "UPSILON_PASSWORD", PASSWORD,
                "UPSILON_MANIFEST", manifest("ALTER TABLE items ADD COLUMN name text;").toString(),
                "UPSILON_SCHEMA", "upsilon_state", "UPSILON_NODE_ID", "node-1", "UPSILON_PLACEHOLDER_TABLE", "items",
                "UPSILON_CLASSPATH", tmp.resolve("sql").toString());
        db.execute("CREATE SCHEMA upsilon_state");
        try (UpsilonSession session = UpsilonSession.builder(settings(env)).open()) {
            assertThat(session.target()).isEqualTo(Version.parse("1.1"));
            assertThat(session.nodeId()).isEqualTo("node-1");
            assertThat(session.classLoader().getResource("second.sql")).as("the classpath setting's entry").isNotNull();
            UpgradeResult result = session.upsilon().migrateTo(session.target());

            assertThat(result.outcome()).isEqualTo(UpgradeResult.Outcome.UPGRADED);
            assertThat(session.store().dataVersion()).contains(Version.parse("1.1"));
            assertThat(session.store().history()).extracting(TaskRecord::nodeId).containsOnly("node-1");
            assertThat(session.secrets().redact("pw " + PASSWORD)).isEqualTo("pw " + Secrets.MASK);
        }
        assertThat(db.queryOne("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'upsilon_state'"))
                .as("the schema setting reached the backend").isNotEqualTo(0L);
        assertThat(db.queryOne("SELECT count(*) FROM information_schema.columns WHERE table_name = 'items'"))
                .isEqualTo(2L);
    }

    @Test
    void aFailedStatementThatEchoesThePasswordIsStoredMasked() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        Map<String, String> env = Map.of("UPSILON_URL", db.jdbcUrl(), "UPSILON_PASSWORD", PASSWORD,
                "UPSILON_PLACEHOLDER_TABLE", "items");
        try (UpsilonSession session = UpsilonSession.builder(settings(env))
                .manifest(manifest("SELECT '" + PASSWORD + "'::int;"), "upsilon.tasks")
                .open()) {
            assertThatThrownBy(() -> session.upsilon().migrateTo(session.target())).isInstanceOf(UpsilonException.class);
            TaskRecord failed = session.store().history().stream().filter(r -> r.status() == TaskStatus.FAILED)
                    .findFirst().orElseThrow();
            assertThat(failed.error()).hasValueSatisfying(error -> assertThat(error).contains(Secrets.MASK)
                    .doesNotContain(PASSWORD));
        }
    }

    @Test
    void aServicesOwnDataSourceIsUsedAndItsSessionsCarryTheNodeTag() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        AtomicBoolean closed = new AtomicBoolean();
        try (UpsilonSession session = UpsilonSession.builder(settings(Map.of()))
                .database(Database.POSTGRESQL_SCHEME, () -> Database.of(db.dataSource("mine"), "my pool",
                        () -> closed.set(true)))
                .nodeId("tagged-1").manifest(null, null).open()) {
            assertThat(session.database().description()).isEqualTo("my pool");
            assertThat(session.store().dataVersion()).isEmpty();
            session.tagSessionsWithNodeId();
            try (Connection c = session.database().dataSource().getConnection(); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SHOW application_name")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("upsilon:tagged-1");
            }
        }
        assertThat(closed).as("closing the session closes the database").isTrue();
    }

    @Test
    void everyInputIsCheckedBeforeAnythingConnects() throws Exception {
        // nothing listens on port 1: a check that connected first would fail as unreachable instead
        Map<String, String> env = Map.of("UPSILON_URL", "jdbc:postgresql://127.0.0.1:1/none?user=x",
                "UPSILON_MANIFEST", manifest("SELECT 1;").toString(), "UPSILON_CONNECT_TIMEOUT", "0");
        assertThatThrownBy(() -> UpsilonSession.builder(settings(env)).target(Version.parse("9.9")).open())
                .isInstanceOfSatisfying(UpsilonException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_VERSION))
                .hasMessageStartingWith("the target version 9.9 is not a version of manifest");
        assertThatThrownBy(() -> UpsilonSession.builder(settings(env)).lock("mutex").open())
                .isInstanceOfSatisfying(UpsilonException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT));
        assertThatThrownBy(() -> UpsilonSession.builder(settings(env)).nodeId(" ").open())
                .hasMessageContaining("must not be blank");

        try (UpsilonSession session = UpsilonSession.builder(settings(env)).open()) {
            assertThat(session.softwareVersion(null)).isEqualTo(Version.parse("1.1"));
            assertThat(session.softwareVersion(Version.parse("1.0"))).isEqualTo(Version.parse("1.0"));
            assertThatThrownBy(() -> session.softwareVersion(Version.parse("0.9")))
                    .isInstanceOfSatisfying(UpsilonException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT))
                    .hasMessageStartingWith("the software version 0.9 is below the first version of manifest")
                    .hasMessageEndingWith("; pick one of [1.0, 1.1] or later");
            assertThatThrownBy(() -> session.store().dataVersion()).isInstanceOfSatisfying(UpsilonException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.DATABASE_UNREACHABLE))
                    .hasMessageStartingWith("cannot connect to the database at jdbc:postgresql://127.0.0.1:1/none (");
        }
    }

    @Test
    void anEmbeddedDatabaseIsStartedOnlyOnceTheInputsAreGood() throws Exception {
        Path data = tmp.resolve("data");
        assertThatThrownBy(() -> UpsilonSession.builder(settings(Map.of())).embedded(data, true)
                .lockTimeout(Duration.ofSeconds(-1)).open()).hasMessageContaining("must be 0 or more seconds");
        assertThat(data).doesNotExist();
    }
}
