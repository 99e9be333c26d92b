package io.upsilon.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The end-to-end test of the demo: three node processes rolled through 1.0.0 → 2.0.1 under load, then moved side by
 * side, judged on the JSON summary {@code upsilon demo --json} prints on stdout.
 */
class DemoIT {

    @Test
    void rollingThroughFiveReleasesUnderLoadFailsNoRequestAndRunsEachTaskOnce() throws Exception {
        Path html = Files.createDirectories(Path.of("target")).resolve("demo-report.html");
        Cli.Run run = Cli.run("demo", "--quick", "--json", "--report", html.toString());
        String report = run.err();
        System.out.println(report);
        assertThat(run.exitCode()).as(run.toString()).isZero();

        JsonNode s = run.json();
        // the chain the planner chose over examples/releases.yaml
        List<String> steps = new ArrayList<>();
        s.get("chain").forEach(c -> steps.add(c.get("from").asText() + "->" + c.get("to").asText()));
        assertThat(steps).containsExactly("1.0.0->1.0.1", "1.0.1->1.0.2", "1.0.2->2.0.0", "2.0.0->2.0.1");

        // 0 failed requests over the rolling phases (and overall), and there was load in every phase
        assertThat(s.at("/rolling/failed").asLong()).as(report).isZero();
        assertThat(s.at("/total/failed").asLong()).as(report).isZero();
        assertThat(s.at("/rolling/sent").asLong()).isGreaterThan(100);
        // every request was forwarded, and the node's share the router timed is part of what the client waited
        assertThat(s.at("/rolling/upstreamP99Ms").asDouble()).isPositive()
                .isLessThanOrEqualTo(s.at("/rolling/p99Ms").asDouble());
        for (JsonNode p : s.get("phases")) {
            assertThat(p.get("sent").asLong()).as(p.get("name").asText()).isPositive();
        }
        // v2 was used once every release in the cluster served it, and v1 was gone when 2.0.0 arrived
        assertThat(phase(s, "steady 1.0.2").get("apiVersions").toString()).contains("v1", "v2");
        assertThat(phase(s, "step 3: 1.0.2 -> 2.0.0").get("apiVersions").toString()).doesNotContain("v1");

        // every manifest task ran exactly once, on the first node of the release that needed it
        assertThat(s.get("eachTaskOnce").asBoolean()).isTrue();
        List<String> tasks = new ArrayList<>();
        s.get("tasks").forEach(t -> {
            assertThat(t.get("status").asText()).isEqualTo("SUCCEEDED");
            tasks.add(t.get("version").asText() + " " + t.get("task").asText() + " " + t.get("node").asText()
                    .replaceAll("^n\\d+@", ""));
        });
        assertThat(tasks).containsExactly(
                "1.0.0 sql/1.0.0/create_transfer.sql 1.0.0",
                "1.0.1 sql/1.0.1/add_quote_id.sql 1.0.1",
                "2.0.0 io.upsilon.examples.transfers.tasks.BackfillQuoteIds 2.0.1",
                "2.0.0 sql/2.0.0/quote_id_not_null.sql 2.0.1");

        // the data version ends at the last release's, and the backfill left no transfer without a quote id
        assertThat(s.get("dataVersion").asText()).isEqualTo("2.0.0").isEqualTo(s.get("expectedDataVersion").asText());
        assertThat(s.get("transfersWithoutQuoteId").asLong()).isZero();
        assertThat(s.get("transfers").asLong()).isPositive();

        // the side-by-side move: migrated while the load ran, verified with no mismatch, cut over through the old
        // cluster's maintenance window; requests held at the gates succeeded after it, nothing of the old data missing
        JsonNode move = s.get("move");
        assertThat(move.get("cutOver").asBoolean()).as(report).isTrue();
        assertThat(move.get("postgresOld").asText()).as("zonky's default binaries").startsWith("14.");
        assertThat(move.get("postgresNew").asText()).as("the move is also the server's major upgrade")
                .startsWith("17.");
        assertThat(move.get("verified").asBoolean()).isTrue();
        assertThat(move.get("mismatches").asLong()).isZero();
        assertThat(move.get("rowsMigrated").asLong()).isPositive();
        assertThat(move.get("rowsVerified").asLong()).isPositive();
        assertThat(move.get("windowHeldMs").asLong()).isPositive();
        assertThat(move.get("missingInNewCluster").asLong()).isZero();
        assertThat(move.get("lateRows").asLong()).as("rows written on the old database after the catch-up").isZero();
        assertThat(move.get("heldAndResent").asLong()).isNotNegative();
        assertThat(move.get("newClusterRows").asLong()).isGreaterThanOrEqualTo(move.get("oldClusterRows").asLong());
        assertThat(move.at("/requests/failed").asLong()).as(report).isZero();
        assertThat(move.at("/requests/sent").asLong()).isPositive();
        assertThat(phase(s, "move to new cluster").get("failed").asLong()).isZero();
        assertThat(phase(s, "steady new cluster").get("failed").asLong()).isZero();
        List<String> newTasks = new ArrayList<>();
        move.get("newClusterTasks").forEach(t -> newTasks.add(t.asText().replaceAll(" m\\d+@", " ")));
        assertThat(newTasks).containsExactly(
                "1.0.0 sql/1.0.0/create_transfer.sql SUCCEEDED 2.0.1",
                "1.0.1 sql/1.0.1/add_quote_id.sql SUCCEEDED 2.0.1",
                "2.0.0 io.upsilon.examples.transfers.tasks.BackfillQuoteIds SUCCEEDED 2.0.1",
                "2.0.0 sql/2.0.0/quote_id_not_null.sql SUCCEEDED 2.0.1");

        // the HTML report stands alone: an inline SVG chart, no script, nothing fetched from elsewhere
        String page = Files.readString(html);
        assertThat(page).contains("<svg", "step 4", "quote_id_not_null.sql", "Side-by-side move").doesNotContain("<script", "src=",
                "href=");
    }

    private static JsonNode phase(JsonNode s, String name) {
        for (JsonNode p : s.get("phases")) {
            if (p.get("name").asText().equals(name)) {
                return p;
            }
        }
        throw new AssertionError("no phase " + name);
    }
}
