package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.Manifest;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A task that ends its own session still leaves a FAILED history row, written on a fresh connection (issue 13, 7). */
class SelfTerminationIT {

    @TempDir
    Path dir;

    @Test
    void aTaskThatEndsItsOwnSessionIsRecordedAsFailed() throws Exception {
        for (String marker : new String[] {"", "-- upsilon:non-transactional\n"}) {
            TestDatabase db = PostgresFixture.newDatabase();
            Files.writeString(dir.resolve("kill.sql"), marker + "CREATE TABLE k (id int);\n"
                    + "SELECT pg_terminate_backend(pg_backend_pid());");
            Files.writeString(dir.resolve("upsilon.tasks"), "1.0\n  - kill.sql\n");
            Manifest manifest = Manifest.load(dir.resolve("upsilon.tasks"), getClass().getClassLoader());
            assertThatThrownBy(() -> Nodes.node(db, "n", manifest).upgrade()).as(marker)
                    .hasMessageContaining("kill.sql");
            PostgresBackend backend = PostgresBackend.create(db.dataSource());
            assertThat(backend.store().history()).as(marker).extracting(TaskRecord::task, TaskRecord::status)
                    .last().isEqualTo(org.assertj.core.groups.Tuple.tuple("kill.sql", TaskStatus.FAILED));
        }
    }
}
