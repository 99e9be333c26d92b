package io.upsilon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.spi.NodeRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link Fence#terminateSessions}: the fenced nodes' sessions ended, or an error that says the fence stands. */
class FenceTest {

    private static final Version BELOW = Version.parse("1.1");

    @Test
    void endsTheSessionsOfTheFencedNodesOnly() {
        Registry registry = new Registry(null);
        Fence.Plan plan = Fence.plan(registry, BELOW);
        assertThat(Fence.terminateSessions(registry, plan)).isEqualTo(1);
        assertThat(registry.terminated).containsExactly(List.of("old"));
    }

    @Test
    void aRefusalSaysTheFenceStandsAndWhatEndingSessionsNeeds() {
        Registry registry = new Registry(new UpsilonException(ErrorCode.STORE_FAILURE, "permission denied"));
        Fence.Plan plan = Fence.plan(registry, BELOW);
        assertThatThrownBy(() -> Fence.terminateSessions(registry, plan)).isInstanceOfSatisfying(
                UpsilonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE);
                    assertThat(e.getMessage()).isEqualTo("fenced 1 node [old], but could not end their sessions:"
                            + " permission denied; ending other users' sessions needs a superuser or a member of"
                            + " pg_signal_backend");
                });
    }

    @Test
    void clearingReportsTheFloorItRemovedOrThatThereWasNone() {
        Registry registry = new Registry(null);
        registry.floor = Optional.of(BELOW);
        Fence.Cleared cleared = Fence.clear(registry);
        assertThat(cleared).isEqualTo(new Fence.Cleared(true, Optional.of(BELOW)));
        assertThat(cleared.summary()).startsWith("Removed the fence floor 1.1; nodes of any version may serve again");
        assertThat(registry.floor).isEmpty();
        Fence.Cleared none = Fence.clear(registry);
        assertThat(none).isEqualTo(new Fence.Cleared(false, Optional.empty()));
        assertThat(none.summary()).isEqualTo("There was no fence floor; nothing changed.");
    }

    /** Two nodes, one below the floor; terminateSessions records its calls or throws {@code failure}. */
    private static final class Registry extends ReadOnlyRegistry {
        final List<List<String>> terminated = new ArrayList<>();
        Optional<Version> floor = Optional.empty();
        private final UpsilonException failure;

        Registry(UpsilonException failure) {
            this.failure = failure;
        }

        @Override
        public List<NodeRecord> nodes() {
            Instant now = Instant.parse("2026-01-01T10:00:00Z");
            return List.of(new NodeRecord("old", "h", Version.parse("1.0"), NodeState.READY, 0, now, now,
                    Duration.ofSeconds(30), false, false), new NodeRecord("new", "h", BELOW, NodeState.READY, 0, now,
                    now, Duration.ofSeconds(30), false, false));
        }

        @Override
        public Optional<Version> fenceFloor() {
            return floor;
        }

        @Override
        public boolean clearFence() {
            boolean had = floor.isPresent();
            floor = Optional.empty();
            return had;
        }

        @Override
        public int terminateSessions(Collection<String> nodeIds) {
            if (failure != null) {
                throw failure;
            }
            terminated.add(List.copyOf(nodeIds));
            return nodeIds.size();
        }
    }
}
