package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsilon.Manifest;
import io.upsilon.UpgradeResult.Outcome;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.releasefile.ReleaseFile;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code upsilon path --rollback} against a real PostgreSQL whose release history the engine wrote while nodes of
 * the seed's releases started one after another.
 *
 * <p>The engine gives a node the data version of the highest manifest version at or below its software version, so
 * here the last schema change is filed under 2.0.1, the release that brings it, and the descriptors say so
 * (the seed, and {@code examples/releases.yaml}, call that schema version 2.0.0, which a 2.0.0 node would apply).
 */
class PathRollbackIT {

    @TempDir
    Path tmp;

    private TestDatabase db;
    private Path releases;

    @BeforeEach
    void setUp() throws IOException {
        db = PostgresFixture.newDatabase();
        releases = Files.writeString(tmp.resolve("releases.yaml"), """
                releases:
                  - {version: 1.0.0, apiVersions: [v1], dataVersion: 1.0.0, runsOn: [1.0.0, 1.0.1]}
                  - {version: 1.0.1, apiVersions: [v1], dataVersion: 1.0.1, runsOn: [1.0.0, 1.0.1]}
                  - {version: 1.0.2, apiVersions: [v1, v2], dataVersion: 1.0.1, runsOn: [1.0.1]}
                  - {version: 2.0.0, apiVersions: [v2], dataVersion: 1.0.1, runsOn: [1.0.1, 2.0.1]}
                  - {version: 2.0.1, apiVersions: [v2], dataVersion: 2.0.1, runsOn: [1.0.1, 2.0.1]}
                """);
        assertThat(ReleaseFile.read(releases).releases()).extracting(r -> r.dataVersion().toString())
                .containsExactly("1.0.0", "1.0.1", "1.0.1", "1.0.1", "2.0.1");
    }

    /** The quoteId schema: data versions 1.0.0, 1.0.1, 2.0.1, each with an undo script unless told otherwise. */
    private Path manifest(String name, boolean lastUndoable) {
        Manifests m = Manifests.in(tmp.resolve(name))
                .file("upsilon.tasks", "1.0.0\n  - sql/1.0.0/create_transfer.sql\n1.0.1\n"
                        + "  - sql/1.0.1/add_quote_id.sql\n2.0.1\n  - sql/2.0.1/require_quote_id.sql\n")
                .file("sql/1.0.0/create_transfer.sql", "CREATE TABLE transfer (id int PRIMARY KEY);")
                .file("sql/1.0.0/create_transfer.undo.sql", "DROP TABLE transfer;")
                .file("sql/1.0.1/add_quote_id.sql", "ALTER TABLE transfer ADD COLUMN quote_id text;")
                .file("sql/1.0.1/add_quote_id.undo.sql", "ALTER TABLE transfer DROP COLUMN quote_id;")
                .file("sql/2.0.1/require_quote_id.sql", "UPDATE transfer SET quote_id = 'none' WHERE quote_id IS NULL;"
                        + " ALTER TABLE transfer ALTER COLUMN quote_id SET NOT NULL;");
        if (lastUndoable) {
            m.file("sql/2.0.1/require_quote_id.undo.sql", "ALTER TABLE transfer ALTER COLUMN quote_id DROP NOT NULL;");
        }
        return m.write();
    }

    /** Starts a node of each release in turn, as a rolling upgrade through the seed's chain would. */
    private void rollThroughTheSeed(Path manifestDir) {
        Manifest manifest = Manifest.load(manifestDir.resolve("upsilon.tasks"), getClass().getClassLoader());
        PostgresBackend backend = PostgresBackend.create(db.dataSource());
        for (String release : new String[] {"1.0.0", "1.0.1", "1.0.2", "2.0.0", "2.0.1"}) {
            String node = "node-" + release;
            Outcome outcome = Upsilon.create(UpsilonConfig.builder().manifest(manifest)
                    .softwareVersion(Version.parse(release)).store(backend.store())
                    .lock(backend.lock(LockKind.ADVISORY, node)).nodeId(node).build()).upgrade().outcome();
            assertThat(outcome).isIn(Outcome.UPGRADED, Outcome.UP_TO_DATE);
        }
    }

    private Cli.Run rollback(Path manifestDir, String... more) {
        String[] args = {"path", "--rollback", "--releases", releases.toString(), "--url",
            db.jdbcUrl(), "--manifest", manifestDir.toString()};
        String[] all = new String[args.length + more.length];
        System.arraycopy(args, 0, all, 0, args.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return Cli.run(all);
    }

    @Test
    void theRollbackReversesTheSeedChainFromTheRecordedHistory() {
        Path manifest = manifest("undoable", true);
        rollThroughTheSeed(manifest);

        Cli.Run run = rollback(manifest, "--to", "1.0.2");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("Roll back 2.0.1 -> 1.0.2 in 2 steps",
                "ROLLS BACK", "2.0.1 -> 2.0.0", "2.0.1        1.0.1", "sql/2.0.1/require_quote_id.sql",
                "2.0.0 -> 1.0.2  v1", "nothing; v1 becomes available",
                "Release history: 1.0.0, 1.0.1, 2.0.1; data version 2.0.1.");

        JsonNode json = rollback(manifest, "--to", "1.0.0", "--json").json();
        assertThat(json.get("direction").asText()).isEqualTo("ROLLBACK");
        assertThat(json.get("dataVersion").asText()).isEqualTo("2.0.1");
        assertThat(json.get("history")).extracting(h -> h.get("softwareVersion").asText())
                .containsExactly("1.0.0", "1.0.1", "2.0.1");
        assertThat(json.at("/history/2/nodeId").asText()).isEqualTo("node-2.0.1");
        assertThat(json.get("steps")).extracting(s -> s.get("from").asText() + "->" + s.get("to").asText())
                .containsExactly("2.0.1->2.0.0", "2.0.0->1.0.2", "1.0.2->1.0.1", "1.0.1->1.0.0");
        assertThat(json.at("/steps/2/clients").asText()).isEqualTo("move off v2 (to v1) before this step");
        assertThat(json.at("/steps/3/rollsBack/0").asText()).isEqualTo("sql/1.0.1/add_quote_id.sql");

        Cli.Run mermaid = rollback(manifest, "--to", "1.0.2", "--format", "mermaid");
        assertThat(mermaid.out()).contains("r0[\"2.0.1<br/>API v2<br/>data 2.0.1\"]",
                "r0 -->|\"1: data 2.0.1 → 1.0.1\"| r1", "r1 -->|\"2: adds API v1\"| r2");
    }

    @Test
    void aStepThatWouldUndoATaskWithoutRollbackIsRefusedNamingTheTask() {
        Path manifest = manifest("one-way", false);
        rollThroughTheSeed(manifest);
        Cli.Run run = rollback(manifest, "--to", "1.0.2");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEqualTo("upsilon: cannot roll back 2.0.1 -> 2.0.0 (step 1 of 2, data 2.0.1 -> 1.0.1):"
                + " task sql/2.0.1/require_quote_id.sql of data version 2.0.1 in "
                + manifest.resolve("upsilon.tasks") + " has no rollback; add a rollback to it, or roll forward with"
                + " a new release\n");
        // staying on the same data version needs no undo
        assertThat(rollback(manifest, "--to", "2.0.1").out()).isEqualTo("Nothing to do: 2.0.1 is already the"
                + " target.\n");
    }

    @Test
    void withoutHistoryOrWithBadOptionsItIsBadInput() {
        Path manifest = manifest("undoable", true);
        Cli.Run empty = rollback(manifest, "--to", "1.0.0");
        assertThat(empty.exitCode()).as(empty.toString()).isEqualTo(2);
        assertThat(empty.err()).contains("the release history is empty");
        assertThat(rollback(manifest, "--to", "1.0.0", "--from", "2.0.1").err()).contains("--from is not used with"
                + " --rollback");
        assertThat(rollback(manifest, "--to", "9.0").err()).contains("release 9.0 is not in");
    }
}
