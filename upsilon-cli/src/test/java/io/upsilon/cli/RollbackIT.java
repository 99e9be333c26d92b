package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsilon.Manifest;
import io.upsilon.NodeState;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code upsilon rollback --to RELEASE}: plans, prints the order, waits for the nodes, undoes the data per step. */
class RollbackIT {

    @TempDir
    Path tmp;

    private TestDatabase db;
    private PostgresBackend backend;
    private Path releases;

    @BeforeEach
    void setUp() throws IOException {
        db = PostgresFixture.newDatabase();
        backend = PostgresBackend.create(db.dataSource());
        releases = Files.writeString(tmp.resolve("releases.yaml"), """
                releases:
                  - {version: 1.0.0, apiVersions: [v1], dataVersion: 1.0.0, runsOn: [1.0.0, 1.0.1]}
                  - {version: 1.0.1, apiVersions: [v1], dataVersion: 1.0.1, runsOn: [1.0.0, 1.0.1]}
                  - {version: 1.0.2, apiVersions: [v1, v2], dataVersion: 1.0.1, runsOn: [1.0.1]}
                  - {version: 2.0.0, apiVersions: [v2], dataVersion: 1.0.1, runsOn: [1.0.1, 2.0.0]}
                  - {version: 2.0.1, apiVersions: [v2], dataVersion: 2.0.0, runsOn: [1.0.1, 2.0.0]}
                """);
    }

    private Path manifest(String name, boolean lastUndoable) {
        Manifests m = Manifests.in(tmp.resolve(name))
                .file("upsilon.tasks", "1.0.0\n  - sql/1.0.0/create_transfer.sql\n1.0.1\n"
                        + "  - sql/1.0.1/add_quote_id.sql\n2.0.0\n  - sql/2.0.0/require_quote_id.sql\n")
                .file("sql/1.0.0/create_transfer.sql", "CREATE TABLE transfer (id int PRIMARY KEY);")
                .file("sql/1.0.0/create_transfer.undo.sql", "DROP TABLE transfer;")
                .file("sql/1.0.1/add_quote_id.sql", "ALTER TABLE transfer ADD COLUMN quote_id text;")
                .file("sql/1.0.1/add_quote_id.undo.sql", "ALTER TABLE transfer DROP COLUMN quote_id;")
                .file("sql/2.0.0/require_quote_id.sql", "UPDATE transfer SET quote_id = 'none' WHERE quote_id IS NULL;"
                        + " ALTER TABLE transfer ALTER COLUMN quote_id SET NOT NULL;");
        if (lastUndoable) {
            m.file("sql/2.0.0/require_quote_id.undo.sql", "ALTER TABLE transfer ALTER COLUMN quote_id DROP NOT NULL;");
        }
        return m.write();
    }

    /** What the nodes of each release do in turn: upgrade to its data version, then record the release. */
    private void rollForward(Path manifestDir) {
        Manifest manifest = Manifest.load(manifestDir.resolve("upsilon.tasks"), getClass().getClassLoader());
        for (String[] r : new String[][] {{"1.0.0", "1.0.0"}, {"1.0.1", "1.0.1"}, {"1.0.2", "1.0.1"},
            {"2.0.0", "1.0.1"}, {"2.0.1", "2.0.0"}}) {
            String node = "node-" + r[0];
            Upsilon upsilon = Upsilon.create(UpsilonConfig.builder().manifest(manifest)
                    .softwareVersion(Version.parse(r[1])).release(Version.parse(r[0])).store(backend.store())
                    .lock(backend.lock(LockKind.ADVISORY, node)).nodeId(node).build());
            upsilon.upgrade();
            backend.store().recordReleaseIfNewer(Version.parse(r[0]), upsilon.dataVersion(), node);
        }
    }

    private Cli.Run rollback(Path manifestDir, String... more) {
        String[] args = {"rollback", "--releases", releases.toString(), "--url", db.jdbcUrl(), "--manifest",
            manifestDir.toString()};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return Cli.run(all);
    }

    private List<String> history() {
        return backend.store().releases().stream().map(r -> r.softwareVersion().toString()).toList();
    }

    @Test
    void aDryRunPrintsTheOrderAndChangesNothing() {
        Path manifest = manifest("undoable", true);
        rollForward(manifest);
        assertThat(history()).containsExactly("1.0.0", "1.0.1", "1.0.2", "2.0.0", "2.0.1");

        Cli.Run run = rollback(manifest, "--to", "1.0.0", "--dry-run");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("Roll back 2.0.1 -> 1.0.0 in 4 steps",
                "1. 2.0.1 -> 2.0.0: replace each node of 2.0.1 by a node of 2.0.0 (start it, wait for READY, drain and"
                        + " stop the old one); then roll the data back 2.0.0 -> 1.0.1: sql/2.0.0/require_quote_id.sql",
                "2. 2.0.0 -> 1.0.2: replace each node of 2.0.0 by a node of 1.0.2", "no data change",
                "4. 1.0.1 -> 1.0.0").doesNotContain("Rolled back");
        assertThat(backend.store().dataVersion()).contains(Version.parse("2.0.0"));
        assertThat(history()).hasSize(5);
    }

    @Test
    void itRollsTheDataBackStepByStepAndRecordsEachRelease() {
        Path manifest = manifest("undoable", true);
        rollForward(manifest);
        db.execute("INSERT INTO transfer (id, quote_id) VALUES (1, 'q1')");

        Cli.Run run = rollback(manifest, "--to", "1.0.0", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("done")).extracting(d -> d.get("release").asText() + "@" + d.get("dataVersion").asText())
                .containsExactly("2.0.0@1.0.1", "1.0.2@1.0.1", "1.0.1@1.0.1", "1.0.0@1.0.0");
        assertThat(json.at("/steps/0/order").asText()).contains("then roll the data back 2.0.0 -> 1.0.1");
        assertThat(backend.store().dataVersion()).contains(Version.parse("1.0.0"));
        assertThat(db.queryOne("SELECT count(*) FROM information_schema.columns WHERE table_name = 'transfer'"
                + " AND column_name = 'quote_id'")).isEqualTo(0L);
        assertThat(history()).containsExactly("1.0.0", "1.0.1", "1.0.2", "2.0.0", "2.0.1", "2.0.0", "1.0.2",
                "1.0.1", "1.0.0");

        Cli.Run again = rollback(manifest, "--to", "1.0.0");
        assertThat(again.out()).contains("Nothing to do: 1.0.0 is already the current release.");
    }

    @Test
    void aNodeThatWasNotReplacedStopsTheRollbackBeforeItsData() {
        Path manifest = manifest("undoable", true);
        rollForward(manifest);
        backend.nodes().register("web-7", "host", Version.parse("2.0.0"), NodeState.READY, Duration.ofMinutes(5));

        Cli.Run run = rollback(manifest, "--to", "2.0.0", "--replace-timeout", "1");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).contains("Step 1: replace the nodes of 2.0.1 by 2.0.0 now");
        assertThat(run.err()).contains("1 node [web-7] still run a data version above 1.0.1 after 1 s",
                "replace them with release 2.0.0");
        assertThat(backend.store().dataVersion()).contains(Version.parse("2.0.0"));
        assertThat(history()).endsWith("2.0.1");
    }

    @Test
    void aTaskWithoutRollbackIsRefusedAndBadInputIsExit2() {
        Path manifest = manifest("one-way", false);
        rollForward(manifest);
        Cli.Run refused = rollback(manifest, "--to", "1.0.0");
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(1);
        assertThat(refused.err()).contains("cannot roll back 2.0.1 -> 2.0.0", "sql/2.0.0/require_quote_id.sql",
                "has no rollback; add a rollback to it");
        assertThat(backend.store().dataVersion()).contains(Version.parse("2.0.0"));

        Cli.Run noTarget = rollback(manifest);
        assertThat(noTarget.exitCode()).isEqualTo(2);
        assertThat(noTarget.err()).contains("--to RELEASE is required");
        assertThat(rollback(manifest, "--to", "9.9").exitCode()).isEqualTo(2);
    }
}
