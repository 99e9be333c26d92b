package io.upsilon.release;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.Version;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainDiagramsTest {

    private final PlannedChain seed = new ReleasePlanner(SeedReleases.set())
            .plan(Version.parse("1.0.0"), Version.parse("2.0.1"));

    @Test
    void theSeedChainAsMermaid() {
        assertThat(ChainDiagrams.mermaid(seed)).isEqualTo("""
                flowchart LR
                  r0["1.0.0<br/>API v1<br/>data 1.0.0"]
                  r1["1.0.1<br/>API v1<br/>data 1.0.1"]
                  r2["1.0.2<br/>API v1, v2<br/>data 1.0.1"]
                  r3["2.0.0<br/>API v2<br/>data 1.0.1"]
                  r4["2.0.1<br/>API v2<br/>data 2.0.0"]
                  r0 -->|"1: data 1.0.0 → 1.0.1"| r1
                  r1 -->|"2: adds API v2"| r2
                  r2 -->|"3: drops API v1"| r3
                  r3 -->|"4: data 1.0.1 → 2.0.0"| r4
                """);
    }

    @Test
    void theSeedChainAsDot() {
        assertThat(ChainDiagrams.dot(seed)).isEqualTo("""
                digraph releases {
                  rankdir=LR;
                  node [shape=box];
                  r0 [label="1.0.0\\nAPI v1\\ndata 1.0.0"];
                  r1 [label="1.0.1\\nAPI v1\\ndata 1.0.1"];
                  r2 [label="1.0.2\\nAPI v1, v2\\ndata 1.0.1"];
                  r3 [label="2.0.0\\nAPI v2\\ndata 1.0.1"];
                  r4 [label="2.0.1\\nAPI v2\\ndata 2.0.0"];
                  r0 -> r1 [label="1: data 1.0.0 → 1.0.1"];
                  r1 -> r2 [label="2: adds API v2"];
                  r2 -> r3 [label="3: drops API v1"];
                  r3 -> r4 [label="4: data 1.0.1 → 2.0.0"];
                }
                """);
    }

    @Test
    void breakingStepsAreDashedAndSaySoAndFreeTextIsEscaped() {
        ReleaseSet set = ReleaseSet.of("t", List.of(
                Release.of("1", List.of("v\"1\""), "1", "1"),
                Release.of("2", List.of("<v2>"), "1", "1")));
        PlannedChain chain = new ReleasePlanner(set, true).plan(Version.parse("1"), Version.parse("2"));
        assertThat(ChainDiagrams.mermaid(chain)).contains(
                "r0[\"1<br/>API v#quot;1#quot;<br/>data 1\"]",
                "r0 -.->|\"1: BREAKING, adds API #lt;v2#gt;, drops API v#quot;1#quot;\"| r1");
        assertThat(ChainDiagrams.dot(chain)).contains("r0 [label=\"1\\nAPI v\\\"1\\\"\\ndata 1\"]",
                "r0 -> r1 [label=\"1: BREAKING, adds API <v2>, drops API v\\\"1\\\"\", style=dashed, color=red,"
                        + " fontcolor=red];");
    }

    @Test
    void aCodeOnlyStepSaysSo() {
        ReleaseSet set = ReleaseSet.of("t", List.of(Release.of("1", List.of("v1"), "1", "1"),
                Release.of("2", List.of("v1"), "1", "1")));
        PlannedChain chain = new ReleasePlanner(set).plan(Version.parse("1"), Version.parse("2"));
        assertThat(ChainDiagrams.mermaid(chain)).contains("r0 -->|\"1: code only\"| r1");
    }

    @Test
    void theSeedChainAsATableSaysWhyItIsNotOneStep() {
        String table = ChainDiagrams.table(seed, "  ");
        assertThat(table.lines().toList()).hasSize(6).allMatch(line -> line.equals(line.stripTrailing()));
        assertThat(table.lines().findFirst().orElseThrow())
                .startsWith("  #  STEP            API ADDED  API DROPPED  DATA BEFORE  DATA AFTER  CLIENTS MUST")
                .doesNotContain("ROLLS BACK");
        assertThat(table).contains("  3  1.0.2 -> 2.0.0  -          v1 ").endsWith(".\n");
        assertThat(table.lines().toList().get(5)).startsWith("Not in one step: 1.0.0 -> 2.0.1: SHARED_API: ");
        PlannedChain one = new ReleasePlanner(SeedReleases.set()).plan(Version.parse("1.0.0"), Version.parse("1.0.1"));
        assertThat(ChainDiagrams.table(one, "").lines()).hasSize(2);
    }

    @Test
    void theSeedChainInWordsIsAHeadingAboveTheTable() {
        assertThat(ChainDiagrams.describe(seed)).isEqualTo("Upgrade 1.0.0 -> 2.0.1 in 4 steps (" + seed.source()
                + "):\n" + ChainDiagrams.table(seed, "  "));
        ReleaseSet set = ReleaseSet.of("t", List.of(Release.of("1", List.of("v1"), "1", "1"),
                Release.of("2", List.of("v2"), "1", "1")));
        assertThat(ChainDiagrams.describe(new ReleasePlanner(set, true).plan(Version.parse("1"), Version.parse("2"))))
                .startsWith("Upgrade 1 -> 2 in 1 step, 1 of them BREAKING (--allow-breaking-api) (t):\n");
        assertThat(ChainDiagrams.describe(new ReleasePlanner(set).plan(Version.parse("2"), Version.parse("2"))))
                .isEqualTo("Nothing to do: 2 is already the target.\n");
    }
}
