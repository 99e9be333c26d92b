package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code upsilon path} forward: every format, and the exit codes; none of it touches a database. */
class PathCommandTest {

    private static final Path EXAMPLE = Path.of("..", "examples", "releases.yaml");
    private static final String RELEASES = EXAMPLE.toString();

    @TempDir
    Path tmp;

    private static Cli.Run path(String... args) {
        String[] all = new String[args.length + 3];
        all[0] = "path";
        all[1] = "--releases";
        all[2] = RELEASES;
        System.arraycopy(args, 0, all, 3, args.length);
        return Cli.run(all);
    }

    /** The example without release 1.0.2, the one that serves v1 and v2. */
    private Path withoutTheExpandRelease() throws IOException {
        String text = Files.readString(EXAMPLE);
        String cut = text.substring(0, text.indexOf("  # Expand")) + text.substring(text.indexOf("  # Contract"));
        return Files.writeString(tmp.resolve("releases.yaml"), cut);
    }

    @Test
    void theSeedChainAsATable() {
        Cli.Run run = path("--from", "1.0.0", "--to", "2.0.1");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).isEqualTo(String.join("\n",
                "Upgrade 1.0.0 -> 2.0.1 in 4 steps (" + RELEASES + "):",
                "  #  STEP            API ADDED  API DROPPED  DATA BEFORE  DATA AFTER  CLIENTS MUST",
                "  1  1.0.0 -> 1.0.1  -          -            1.0.0        1.0.1       nothing",
                "  2  1.0.1 -> 1.0.2  v2         -            1.0.1        1.0.1       nothing; v2 becomes available",
                "  3  1.0.2 -> 2.0.0  -          v1           1.0.1        1.0.1       move off v1 (to v2) before this"
                        + " step",
                "  4  2.0.0 -> 2.0.1  -          -            1.0.1        2.0.0       nothing",
                "Not in one step: 1.0.0 -> 2.0.1: SHARED_API: release 2.0.1 serves [v2] and release 1.0.0 serves"
                        + " [v1]: no API version in common, so every client breaks at the step; OLD_CODE_ON_NEW_DATA:"
                        + " release 1.0.0 runs on [1.0.0, 1.0.1] but not on data version 2.0.0 of release 2.0.1, so"
                        + " its nodes fail once the data version changes; NEW_CODE_ON_OLD_DATA: release 2.0.1 runs on"
                        + " [1.0.1, 2.0.0] but not on data version 1.0.0 of release 1.0.0, so its nodes cannot start"
                        + " before the data version changes.", ""));
    }

    @Test
    void theSeedChainAsJsonWithEitherOption() {
        Cli.Run run = path("--from", "1.0.0", "--to", "2.0.1", "--json");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(path("--from", "1.0.0", "--to", "2.0.1", "--format", "json").out()).isEqualTo(run.out());
        JsonNode json = run.json();
        assertThat(json.get("direction").asText()).isEqualTo("UPGRADE");
        assertThat(json.get("breaking").asBoolean()).isFalse();
        assertThat(json.get("steps")).extracting(s -> s.get("from").asText() + "->" + s.get("to").asText())
                .containsExactly("1.0.0->1.0.1", "1.0.1->1.0.2", "1.0.2->2.0.0", "2.0.0->2.0.1");
        assertThat(json.at("/steps/2/apiDropped/0").asText()).isEqualTo("v1");
        assertThat(json.at("/steps/2/clients").asText()).isEqualTo("move off v1 (to v2) before this step");
        assertThat(json.at("/steps/3/dataBefore").asText()).isEqualTo("1.0.1");
        assertThat(json.at("/steps/3/dataAfter").asText()).isEqualTo("2.0.0");
        assertThat(json.at("/direct/safe").asBoolean()).isFalse();
        assertThat(json.at("/direct/violations/0").asText()).startsWith("SHARED_API: ");
        assertThat(json.has("history")).isFalse();
    }

    @Test
    void theSeedChainAsPictures() {
        Cli.Run mermaid = path("--from", "1.0.0", "--to", "2.0.1", "--format", "mermaid");
        assertThat(mermaid.exitCode()).isZero();
        assertThat(mermaid.out()).startsWith("flowchart LR\n  r0[\"1.0.0<br/>API v1<br/>data 1.0.0\"]\n")
                .contains("  r2 -->|\"3: drops API v1\"| r3\n");
        Cli.Run dot = path("--from", "1.0.0", "--to", "2.0.1", "--format", "DOT");
        assertThat(dot.exitCode()).isZero();
        assertThat(dot.out()).startsWith("digraph releases {\n").endsWith("}\n")
                .contains("  r3 -> r4 [label=\"4: data 1.0.1 → 2.0.0\"];\n");
    }

    @Test
    void noSafeChainExitsOneNamingTheMissingStep() throws IOException {
        Cli.Run run = Cli.run("path", "--releases", withoutTheExpandRelease().toString(), "--from", "1.0.0", "--to",
                "2.0.1");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(1);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).startsWith("upsilon: no safe upgrade chain from 1.0.0 to 2.0.1")
                .contains("the missing step is 1.0.1 -> 2.0.0, which breaks SHARED_API", "--allow-breaking-api");
        assertThat(run.err().lines()).hasSize(1);

        Cli.Run json = Cli.run("path", "--releases", withoutTheExpandRelease().toString(), "--from", "1.0.0",
                "--to", "2.0.1", "--json");
        assertThat(json.exitCode()).isEqualTo(1);
        assertThat(json.json().at("/error/code").asText()).isEqualTo("NO_SAFE_CHAIN");
    }

    @Test
    void allowingBreakingApiSaysSoLoudly() throws IOException {
        Cli.Run run = Cli.run("path", "--releases", withoutTheExpandRelease().toString(), "--from", "1.0.0", "--to",
                "2.0.1", "--allow-breaking-api");
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.out()).contains("in 3 steps, 1 of them BREAKING (--allow-breaking-api)",
                "1.0.1 -> 2.0.0  v2         v1", "BREAKING: v1 stops working");
        assertThat(run.err()).isEqualTo("upsilon: WARNING: --allow-breaking-api: step 2 (1.0.1 -> 2.0.0) shares no"
                + " API version: every client of v1 breaks at this step\n");
        Cli.Run mermaid = Cli.run("path", "--releases", withoutTheExpandRelease().toString(), "--from", "1.0.0",
                "--to", "2.0.1", "--allow-breaking-api", "--format", "mermaid");
        assertThat(mermaid.out()).contains("r1 -.->|\"2: BREAKING, adds API v2, drops API v1\"| r2");
        assertThat(mermaid.err()).contains("WARNING");
    }

    @Test
    void badInputExitsTwoWithOneLine() throws IOException {
        Cli.Run unknown = path("--from", "1.0.0", "--to", "3.0.0");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).isEqualTo("upsilon: release 3.0.0 is not in " + RELEASES + "; pick one of [1.0.0,"
                + " 1.0.1, 1.0.2, 2.0.0, 2.0.1]\n");
        assertThat(path("--to", "2.0.1").err()).contains("--from VERSION is required", "--rollback");
        assertThat(path("--from", "1.0.0").err()).contains("--to VERSION is required");
        assertThat(path("--from", "2.0.0", "--to", "1.0.0").err()).contains("is before", "--rollback");
        assertThat(path("--from", "1.0.0", "--to", "2.0.1", "--json", "--format", "dot").err())
                .contains("--json and --format dot disagree");
        assertThat(path("--from", "1.0.0", "--to", "2.0.1", "--format", "svg").exitCode()).isEqualTo(2);
        assertThat(path("--from", "x", "--to", "2.0.1").exitCode()).isEqualTo(2);
        Path bad = Files.writeString(tmp.resolve("bad.yaml"), "releases:\n  - version: 1.0\n    apiVersions: [v1\n");
        Cli.Run malformed = Cli.run("path", "--releases", bad.toString(), "--from", "1.0", "--to", "1.0");
        assertThat(malformed.exitCode()).isEqualTo(2);
        assertThat(malformed.err()).startsWith("upsilon: " + bad + ":").contains("malformed YAML");
        Cli.Run missing = Cli.run("path", "--from", "1.0", "--to", "1.0");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--releases");
    }

    @Test
    void theSameReleaseIsNothingToDo() {
        Cli.Run run = path("--from", "1.0.2", "--to", "1.0.2");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("Nothing to do: 1.0.2 is already the target.\n");
    }

    @Test
    void helpExplainsTheOptions() {
        Cli.Run run = Cli.run("path", "--help");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Usage: upsilon path", "--releases=FILE", "--from=VERSION", "--format=FORMAT",
                "table, json, mermaid, dot", "--allow-breaking-api", "--rollback", "Default: table");
        assertThat(Cli.run("--help").out()).contains("path");
    }
}
