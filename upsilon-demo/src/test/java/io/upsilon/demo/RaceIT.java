package io.upsilon.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code upsilon race}: racing nodes run each task once; on an embedded database it cleans up after itself. */
class RaceIT {

    @Test
    void racingNodesRunEachTaskExactlyOnce() {
        TestDatabase db = PostgresFixture.newDatabase();

        Cli.Run run = Cli.run("race", "--json", "--url", db.jdbcUrl());

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode json = run.json();
        assertThat(json.get("exactlyOnce").asBoolean()).isTrue();
        assertThat(json.get("dataVersion").asText()).isEqualTo("1.0.2");
        assertThat(json.at("/before/pending")).hasSize(4);
        List<String> outcomes = new ArrayList<>();
        json.get("nodes").forEach(node -> outcomes.add(node.get("outcome").asText()));
        assertThat(outcomes).hasSize(3).containsOnlyOnce("UPGRADED");
        assertThat(outcomes).filteredOn(o -> !o.equals("UPGRADED")).allMatch(o -> o.equals("DONE_ELSEWHERE")
                || o.equals("UP_TO_DATE"));
        assertThat(json.get("history")).hasSize(4).allMatch(row -> row.get("status").asText().equals("SUCCEEDED"));
        assertThat(json.at("/transfers/rows").asLong()).isEqualTo(5000);
        assertThat(json.at("/transfers/withQuoteId").asLong()).isEqualTo(5000);

        Cli.Run again = Cli.run("race", "--url", db.jdbcUrl());
        assertThat(again.exitCode()).as(again.toString()).isZero();
        assertThat(again.out()).contains("0 tasks pending", "UP_TO_DATE", "data version 1.0.2");
    }

    @Test
    void embeddedDemoRunsInATemporaryDirectoryAndRemovesIt() {
        Cli.Run run = Cli.run("race", "--nodes", "2");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("1. Status", "2. Upgrade", "3. History", "Each of the 4 tasks ran exactly once",
                "every one with a quote_id");
        Matcher dir = Pattern.compile("embedded PostgreSQL in (\\S+) \\(temporary\\)").matcher(run.out());
        assertThat(dir.find()).as(run.out()).isTrue();
        assertThat(Files.exists(Path.of(dir.group(1)))).as("temporary data directory removed").isFalse();
    }
}
