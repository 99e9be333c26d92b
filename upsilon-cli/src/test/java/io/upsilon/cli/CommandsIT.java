package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** status, plan, upgrade (up and down) and history, with --json, on a real PostgreSQL. */
class CommandsIT {

    @TempDir
    Path tmp;

    private TestDatabase db;
    private String manifest;

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        manifest = Manifests.twoVersions(tmp).toString();
    }

    private Cli.Run cli(String... args) {
        return Cli.run(Cli.withOptions(args, "--url", db.jdbcUrl(), "--manifest", manifest, "--node-id", "it-node"));
    }

    @Test
    void statusOfAFreshDatabaseListsEveryTaskAsPending() {
        Cli.Run run = cli("status", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("dataVersion").isNull()).isTrue();
        assertThat(json.get("softwareVersion").asText()).isEqualTo("1.1");
        assertThat(json.get("state").asText()).isEqualTo("PENDING");
        assertThat(json.get("pending")).hasSize(2);
        assertThat(json.at("/pending/0/version").asText()).isEqualTo("1.0");
        assertThat(json.at("/pending/0/task").asText()).isEqualTo("sql/1.0/create_items.sql");
        assertThat(json.at("/pending/0/action").asText()).isEqualTo("RUN");
        assertThat(json.get("lock").isNull()).isTrue();
        assertThat(json.get("checksumDrift")).isEmpty();
        assertThat(run.err()).isEmpty();
    }

    @Test
    void planShowsTheStepsWithoutRunningThem() {
        Cli.Run run = cli("plan", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("direction").asText()).isEqualTo("UP");
        assertThat(run.json().get("steps")).extracting(step -> step.get("task").asText())
                .containsExactly("sql/1.0/create_items.sql", "sql/1.1/add_price.sql");
        assertThat(run.json().at("/steps/1/setsDataVersion").asText()).isEqualTo("1.1");
        assertThat(db.queryOne("SELECT to_regclass('items')")).isNull();

        Cli.Run text = cli("plan");
        assertThat(text.out()).contains("Upgrade none -> 1.1 in 2 steps", "sql/1.1/add_price.sql");
    }

    @Test
    void upgradeRunsEachTaskAndReportsItThenStatusAndHistoryAgree() {
        Cli.Run upgrade = cli("upgrade", "--json");
        assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
        JsonNode result = upgrade.json();
        assertThat(result.get("outcome").asText()).isEqualTo("UPGRADED");
        assertThat(result.get("before").isNull()).isTrue();
        assertThat(result.get("after").asText()).isEqualTo("1.1");
        assertThat(result.get("tasks")).hasSize(2);
        JsonNode first = result.at("/tasks/0");
        assertThat(first.get("version").asText()).isEqualTo("1.0");
        assertThat(first.get("status").asText()).isEqualTo("SUCCEEDED");
        assertThat(first.get("nodeId").asText()).isEqualTo("it-node");
        assertThat(first.get("fencingToken").asLong()).isPositive();
        assertThat(first.get("durationMillis").isNumber()).isTrue();
        assertThat(db.queryOne("SELECT count(*) FROM information_schema.columns WHERE table_name = 'items'"))
                .isEqualTo(3L);

        JsonNode status = cli("status", "--json").json();
        assertThat(status.get("dataVersion").asText()).isEqualTo("1.1");
        assertThat(status.get("state").asText()).isEqualTo("UP_TO_DATE");
        assertThat(status.get("pending")).isEmpty();
        assertThat(status.at("/lock/holder").isNull()).isTrue();
        assertThat(status.at("/lock/alive").asBoolean()).isFalse();

        Cli.Run history = cli("history", "--json");
        assertThat(history.exitCode()).isZero();
        assertThat(history.json().get("history")).extracting(row -> row.get("status").asText())
                .containsExactly("SUCCEEDED", "SUCCEEDED");

        Cli.Run again = cli("upgrade", "--json");
        assertThat(again.json().get("outcome").asText()).isEqualTo("UP_TO_DATE");
        assertThat(again.json().get("lockTaken").asBoolean()).isFalse();
    }

    @Test
    void upgradeToALowerVersionRollsBack() {
        assertThat(cli("upgrade").exitCode()).isZero();

        Cli.Run down = cli("upgrade", "--to", "1.0", "--json");
        assertThat(down.exitCode()).as(down.toString()).isZero();
        assertThat(down.json().get("outcome").asText()).isEqualTo("DOWNGRADED");
        assertThat(down.json().at("/tasks/0/status").asText()).isEqualTo("ROLLED_BACK");
        assertThat(down.json().get("after").asText()).isEqualTo("1.0");
        assertThat(db.queryOne("SELECT count(*) FROM information_schema.columns WHERE table_name = 'items'"))
                .isEqualTo(2L);
    }

    @Test
    void textOutputIsReadable() {
        Cli.Run status = cli("status");
        assertThat(status.out()).contains("Data version      none", "Software version  1.1", "2 tasks pending",
                "sql/1.0/create_items.sql");
        Cli.Run upgrade = cli("upgrade");
        assertThat(upgrade.exitCode()).isZero();
        assertThat(upgrade.out()).contains("-> 1.0 sql/1.0/create_items.sql", "SUCCEEDED", "it-node",
                "UPGRADED: data version none -> 1.1 (2 tasks run).");
        Cli.Run history = cli("history");
        assertThat(history.out()).contains("VERSION", "TOKEN", "sql/1.1/add_price.sql", "Data version: 1.1");
    }

    @Test
    void statusReportsAnAppliedScriptThatWasEdited() throws Exception {
        assertThat(cli("upgrade").exitCode()).isZero();
        Files.writeString(tmp.resolve("sql/1.0/create_items.sql"), "CREATE TABLE items (id bigint);");

        Cli.Run json = cli("status", "--json");
        assertThat(json.json().get("checksumDrift")).hasSize(1);
        assertThat(json.json().at("/checksumDrift/0/task").asText()).isEqualTo("sql/1.0/create_items.sql");
        assertThat(cli("status").out()).contains("ERROR   SQL script sql/1.0/create_items.sql of version 1.0 changed"
                + " after it was applied", "upsilon repair");
    }

    @Test
    void historyNeedsNoManifest() {
        Cli.Run run = Cli.run("history", "--url", db.jdbcUrl(), "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("history")).isEmpty();
        assertThat(run.json().get("dataVersion").isNull()).isTrue();
    }
}
