package io.upsilon.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code upsilon demo --quick --rollback}: the forward roll 1.0.0 → 2.0.1, then the live service rolled back to
 * 1.0.0 under load along the chain planned from the release history, with no failed request.
 */
class DemoRollbackIT {

    @Test
    void theServiceRollsForwardThenBackUnderLoadWithoutAFailedRequest() throws Exception {
        Path html = Files.createDirectories(Path.of("target")).resolve("demo-rollback-report.html");
        Cli.Run run = Cli.run("demo", "--quick", "--nodes", "2", "--rollback", "--json", "--report", html.toString());
        System.out.println(run.err());
        assertThat(run.exitCode()).as(run.toString()).isZero();

        JsonNode s = run.json();
        assertThat(s.at("/total/failed").asLong()).as(run.err()).isZero();
        JsonNode back = s.get("rollback");
        assertThat(back.at("/requests/failed").asLong()).as(run.err()).isZero();
        assertThat(back.at("/requests/sent").asLong()).isPositive();
        List<String> steps = new ArrayList<>();
        back.get("chain").forEach(c -> steps.add(c.get("from").asText() + "->" + c.get("to").asText()));
        assertThat(steps).containsExactly("2.0.1->2.0.0", "2.0.0->1.0.2", "1.0.2->1.0.1", "1.0.1->1.0.0");
        assertThat(back.at("/chain/0/tasksRolledBack").toString()).contains("quote_id_not_null.sql",
                "BackfillQuoteIds");
        // every release recorded on the way up, also 1.0.2 and 2.0.0 that change no data, then each on the way down
        List<String> history = new ArrayList<>();
        back.get("releaseHistory").forEach(r -> history.add(r.asText()));
        assertThat(history).containsExactly("1.0.0", "1.0.1", "1.0.2", "2.0.0", "2.0.1", "2.0.0", "1.0.2", "1.0.1",
                "1.0.0");
        assertThat(s.get("dataVersion").asText()).isEqualTo("1.0.0").isEqualTo(s.get("expectedDataVersion").asText());
        assertThat(s.get("eachTaskOnce").asBoolean()).isTrue();
        List<String> undone = new ArrayList<>();
        s.get("tasks").forEach(t -> {
            if (t.get("status").asText().equals("ROLLED_BACK")) {
                undone.add(t.get("version").asText() + " " + t.get("task").asText());
            }
        });
        assertThat(undone).containsExactly("2.0.0 sql/2.0.0/quote_id_not_null.sql",
                "2.0.0 io.upsilon.examples.transfers.tasks.BackfillQuoteIds", "1.0.1 sql/1.0.1/add_quote_id.sql");
        for (JsonNode p : s.get("phases")) {
            assertThat(p.get("sent").asLong()).as(p.get("name").asText()).isPositive();
        }
        assertThat(s.get("move").isNull()).as("the rollback leg replaces the side-by-side move").isTrue();
        assertThat(run.err()).as("with --json the progress and tables go to stderr").contains(
                "rollback 1: 2.0.1 -> 2.0.0", "all rollback steps",
                "Rollback 2.0.1 -> 1.0.0: 0 of");
        assertThat(Files.readString(html)).contains("Rollback 2.0.1 &rarr; 1.0.0", "step 4", "BackfillQuoteIds");
    }
}
