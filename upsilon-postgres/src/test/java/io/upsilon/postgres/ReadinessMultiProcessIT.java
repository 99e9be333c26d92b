package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.postgres.process.ReadinessNodeMain;
import io.upsilon.testsupport.JavaProcess;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness tied to the data version with every node its own OS process: the old node is fenced, the canary
 * upgrades, a node started during the upgrade waits and then serves without running a task, and an old node
 * started afterwards never becomes ready.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class ReadinessMultiProcessIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void oldNodeFencedCanaryUpgradesWaiterWaitsLateOldNodeNeverReady() throws Exception {
        TestDatabase db = PostgresFixture.newDatabase();
        Path gate = dir.resolve("release-1.1");
        try (JavaProcess a = node(db, "a", "1.0", gate)) {
            expect(a, "STATE READY");
            try (JavaProcess b = node(db, "b", "1.1", gate)) {
                expect(b, "IN_GATED");
                try (JavaProcess c = node(db, "c", "1.1", gate)) {
                    expect(c, "STATE WAITING");
                    Files.writeString(gate, "go");
                    long bump = epoch(expect(b, "BUMP 1.1"), 2);
                    expect(b, "STATE READY");
                    long cReady = epoch(expect(c, "STATE READY"), 2);
                    long aFenced = epoch(expect(a, "STATE FENCED"), 2);
                    expect(a, "GUARD FENCED");
                    assertThat(c.output()).doesNotContain("TASK ");
                    assertThat(a.output()).doesNotContain("TASK quote");
                    System.out.printf("across processes: waiting node READY %d ms and old node FENCED %d ms after"
                            + " the bump (poll 5 s)%n", cReady - bump, aFenced - bump);

                    try (JavaProcess late = node(db, "late", "1.0", gate)) {
                        expect(late, "STATE FENCED");
                        expect(late, "GUARD FENCED");
                        assertThat(late.output()).doesNotContain("STATE READY");
                    }
                }
            }
        }
        assertThat(db.queryOne("SELECT string_agg(node_id, ',' ORDER BY id) FROM upsilon_history")).isEqualTo("a,b");
    }

    private static JavaProcess node(TestDatabase db, String id, String version, Path gate) {
        return JavaProcess.start(ReadinessNodeMain.class, db.jdbcUrl(), id, version, gate.toString());
    }

    private static String expect(JavaProcess p, String prefix) throws InterruptedException {
        return p.awaitLine(prefix, WAIT).orElseThrow(() -> new AssertionError("no '" + prefix + "' from:\n"
                + p.output()));
    }

    private static long epoch(String line, int field) {
        return Long.parseLong(line.split(" ")[field]);
    }
}
