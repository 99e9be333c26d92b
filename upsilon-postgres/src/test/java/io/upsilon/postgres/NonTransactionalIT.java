package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.Manifest;
import io.upsilon.UpgradeEvent;
import io.upsilon.Version;
import io.upsilon.spi.LockGrant;
import io.upsilon.spi.StoreSession;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scripts that cannot run in a transaction, from a real manifest file, and the resumption of a dead node's run. */
class NonTransactionalIT {

    @TempDir
    Path dir;

    @Test
    void aConcurrentIndexRunsOutsideATransactionAndADeadNodesRunIsResumed() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        Files.createDirectories(dir.resolve("sql"));
        Files.writeString(dir.resolve("sql/create.sql"), "CREATE TABLE quotes (id int, ref text);");
        Files.writeString(dir.resolve("sql/index.sql"), "-- upsilon:non-transactional\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS quotes_ref ON quotes (ref);\n"
                + "CREATE INDEX CONCURRENTLY IF NOT EXISTS quotes_id ON quotes (id);");
        Files.writeString(dir.resolve("upsilon.tasks"), "1.0\n  - sql/create.sql\n1.1\n  - sql/index.sql\n");
        Manifest manifest = Manifest.load(dir.resolve("upsilon.tasks"), getClass().getClassLoader());
        Manifest onlyFirst = Tasks.manifest(manifest.tasks(Version.parse("1.0")).get(0));
        Nodes.node(db, "first", onlyFirst).upgrade();

        // a node dies right after starting the non-transactional task: its row stays RUNNING
        PostgresBackend backend = PostgresBackend.create(db.dataSource());
        try (LockGrant grant = backend.lock(PostgresBackend.LockKind.ADVISORY, "dead").acquire(Duration.ofSeconds(5))
                .orElseThrow(); StoreSession session = backend.store().open(false)) {
            session.recordRunning(new TaskRecord(0, Version.parse("1.1"), "sql/index.sql", Optional.empty(),
                    TaskStatus.RUNNING, "dead", grant.fencingToken(), Instant.now(), Optional.empty(),
                    Optional.empty()));
        }

        List<UpgradeEvent> events = new CopyOnWriteArrayList<>();
        Nodes.node(db, "next", manifest, (e, c) -> events.add(e)).upgrade();
        assertThat(events).contains(UpgradeEvent.TASK_RESUMED);
        assertThat(db.queryOne("SELECT count(*) FROM pg_indexes WHERE indexname IN ('quotes_ref', 'quotes_id')"))
                .isEqualTo(2L);
        assertThat(db.queryOne("SELECT version FROM upsilon_data_version")).isEqualTo("1.1");
        assertThat(backend.store().history()).extracting(TaskRecord::task, TaskRecord::status).containsExactly(
                org.assertj.core.groups.Tuple.tuple("sql/create.sql", TaskStatus.SUCCEEDED),
                org.assertj.core.groups.Tuple.tuple("sql/index.sql", TaskStatus.INTERRUPTED),
                org.assertj.core.groups.Tuple.tuple("sql/index.sql", TaskStatus.SUCCEEDED));
    }

    @Test
    void anAppliedScriptEditedLaterIsReportedAsDrift() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        Files.writeString(dir.resolve("a.sql"), "CREATE TABLE a (id int);");
        Files.writeString(dir.resolve("b.sql"), "CREATE TABLE b (id int);");
        Files.writeString(dir.resolve("upsilon.tasks"), "1.0\n  - a.sql\n  - b.sql\n");
        Nodes.node(db, "n", Manifest.load(dir.resolve("upsilon.tasks"), getClass().getClassLoader())).upgrade();
        Files.writeString(dir.resolve("b.sql"), "CREATE TABLE b (id bigint);");
        Manifest edited = Manifest.load(dir.resolve("upsilon.tasks"), getClass().getClassLoader());
        assertThat(Nodes.node(db, "n", edited).checksumDrift()).extracting(io.upsilon.TaskDefinition::name)
                .containsExactly("b.sql");
    }
}
