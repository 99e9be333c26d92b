package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.Manifest;
import io.upsilon.UpsilonConfig;
import io.upsilon.Version;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The node id rule of {@link UpsilonConfig.Builder#build()}: 1 to {@value UpsilonConfig#MAX_NODE_ID} printable ASCII
 * characters without spaces (it tags database sessions). Building connects to nothing.
 */
class NodeIdRuleTest {

    private static UpsilonConfig build(String nodeId) {
        PostgresBackend backend = PostgresBackend.create(new PGSimpleDataSource());
        return UpsilonConfig.builder().manifest(Manifest.of("test", List.of())).softwareVersion(Version.parse("1.0"))
                .store(backend.store()).lock(backend.lock(PostgresBackend.LockKind.ADVISORY, "lock-node"))
                .nodeId(nodeId).build();
    }

    @Test
    void printableAsciiUpToTheLimitIsAccepted() {
        String longest = "!~" + "x".repeat(UpsilonConfig.MAX_NODE_ID - 2);
        assertThat(build(longest).nodeId()).isEqualTo(longest);
        assertThat(build(UpsilonConfig.defaultNodeId()).nodeId()).hasSizeLessThanOrEqualTo(UpsilonConfig.MAX_NODE_ID);
    }

    @Test
    void emptyTooLongSpacedOrNonAsciiIsRefused() {
        for (String bad : new String[] {"", "x".repeat(UpsilonConfig.MAX_NODE_ID + 1), "a b", "tab\t", "né", "\u007F"}) {
            assertThatThrownBy(() -> build(bad)).as(bad).hasMessageContaining("the node id must be 1 to "
                    + UpsilonConfig.MAX_NODE_ID + " printable ASCII characters");
        }
    }
}
