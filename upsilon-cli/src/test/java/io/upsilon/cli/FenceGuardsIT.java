package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.NodeState;
import io.upsilon.Version;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.spi.NodeRecord;
import io.upsilon.spi.NodeRegistry;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code fence}'s guards: every live node, a floor above the manifest, {@code --dry-run}, {@code --clear}. */
class FenceGuardsIT {

    @TempDir
    Path tmp;

    private TestDatabase db;
    private NodeRegistry registry;

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        registry = PostgresBackend.create(db.dataSource()).nodes();
        registry.register("web-1", "host-a", Version.parse("1.0"), NodeState.READY, Duration.ofSeconds(30));
        registry.register("web-2", "host-b", Version.parse("1.1"), NodeState.READY, Duration.ofSeconds(30));
    }

    @Test
    void fencingEveryLiveNodeIsRefusedUnlessForced() {
        Cli.Run refused = Cli.run("fence", "--below", "2.0", "--url", db.jdbcUrl());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err().strip().lines()).hasSize(1);
        assertThat(refused.err()).contains("would fence every live node (web-1, web-2)", "upsilon fence --yes");
        assertThat(registry.nodes()).noneMatch(NodeRecord::fenced);
        assertThat(registry.fenceFloor()).isEmpty();

        Cli.Run forced = Cli.run("fence", "--below", "2.0", "--yes", "--url", db.jdbcUrl());
        assertThat(forced.exitCode()).as(forced.toString()).isZero();
        assertThat(forced.out()).contains("Fenced 2 nodes");
        assertThat(registry.fenceFloor()).contains(Version.parse("2.0"));
    }

    @Test
    void aDryRunListsWhoWouldBeFencedAndChangesNothing() {
        Cli.Run dry = Cli.run("fence", "--below", "1.1", "--dry-run", "--url", db.jdbcUrl());
        assertThat(dry.exitCode()).as(dry.toString()).isZero();
        assertThat(dry.out()).contains("Would fence 1 node running a software version below 1.1 (dry run",
                "web-1").doesNotContain("web-2");
        assertThat(Cli.run("fence", "--below", "1.1", "--dry-run", "--json", "--url", db.jdbcUrl()).json()
                .get("fenced")).extracting(n -> n.get("nodeId").asText()).containsExactly("web-1");
        assertThat(registry.nodes()).noneMatch(NodeRecord::fenced);
        assertThat(registry.fenceFloor()).isEmpty();
        // the guard applies to a dry run too: it says what the real run would answer
        assertThat(Cli.run("fence", "--below", "3.0", "--dry-run", "--url", db.jdbcUrl()).exitCode()).isEqualTo(2);
    }

    @Test
    void clearRemovesTheFloor() {
        assertThat(Cli.run("fence", "--below", "1.1", "--url", db.jdbcUrl()).exitCode()).isZero();
        assertThat(registry.heartbeat("web-1", NodeState.READY, 0)).isTrue();

        Cli.Run cleared = Cli.run("fence", "--clear", "--url", db.jdbcUrl());
        assertThat(cleared.exitCode()).as(cleared.toString()).isZero();
        assertThat(cleared.out()).contains("Removed the fence floor 1.1");
        assertThat(registry.fenceFloor()).isEmpty();
        assertThat(registry.heartbeat("web-1", NodeState.READY, 0)).as("no floor, no mark").isFalse();
        assertThat(Cli.run("fence", "--clear", "--url", db.jdbcUrl()).out()).contains("There was no fence floor");

        Cli.Run both = Cli.run("fence", "--clear", "--below", "1.0", "--url", db.jdbcUrl());
        assertThat(both.exitCode()).isEqualTo(2);
        assertThat(both.err()).contains("give either --below VERSION");
        assertThat(Cli.run("fence", "--url", db.jdbcUrl()).exitCode()).isEqualTo(2);
    }

    @Test
    void aFloorAboveEveryManifestVersionIsRefused() {
        Path manifest = Manifests.in(tmp.resolve("m")).file("upsilon.tasks", "1.0\n  - a.sql\n1.1\n  - b.sql\n")
                .file("a.sql", "SELECT 1;").file("b.sql", "SELECT 1;").write();
        registry.register("web-3", "host-c", Version.parse("3.0"), NodeState.READY, Duration.ofSeconds(30));
        Cli.Run refused = Cli.run("fence", "--below", "2.0", "--manifest", manifest.toString(), "--url",
                db.jdbcUrl());
        assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(2);
        assertThat(refused.err()).contains("fence floor 2.0 is above every version of manifest",
                "the latest is 1.1", "pick a floor of 1.1 or lower");
        assertThat(registry.fenceFloor()).isEmpty();
        assertThat(Cli.run("fence", "--below", "1.1", "--manifest", manifest.toString(), "--url", db.jdbcUrl())
                .exitCode()).isZero();
    }
}
