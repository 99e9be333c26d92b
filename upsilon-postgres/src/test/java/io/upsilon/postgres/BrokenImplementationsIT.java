package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import io.upsilon.CompatibilityWindow;
import io.upsilon.NodeState;
import io.upsilon.Version;
import io.upsilon.spi.ChangeFeed;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.MaintenanceWindow;
import io.upsilon.spi.NodeRecord;
import io.upsilon.spi.NodeRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * The contract suites can fail: each runs (through JUnit's {@link EngineTestKit}) against a PostgreSQL implementation
 * broken on purpose, and must report the test that the mutation breaks. A suite that passes a broken implementation
 * proves nothing about a sound one.
 */
class BrokenImplementationsIT {

    /** The display names of the tests of {@code suite} that failed. */
    private static List<String> failures(Class<?> suite) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(suite)).execute().testEvents().failed()
                .stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
    }

    @Test
    void theNodeRegistrySuiteCatchesARegistryThatForgetsHeartbeats() {
        assertThat(failures(ForgetfulHeartbeats.class)).contains("aHeartbeatReportsStateAndWorkAndRenews()");
    }

    @Test
    void theChangeFeedSuiteCatchesAFeedThatCannotBeClosed() {
        assertThat(failures(Uncloseable.class)).contains("closingTheSubscriptionStopsTheCalls()");
    }

    @Test
    void theMaintenanceSuiteCatchesAStoreThatReopensARetiredCluster() {
        assertThat(failures(ExitIgnoresRetirement.class)).contains("aRetiredClustersWindowClosesOnlyByForce()");
    }

    /** The node table, except that a heartbeat does nothing (a lost UPDATE). */
    static class ForgetfulHeartbeats extends PgNodeRegistryIT {
        @Override
        protected NodeRegistry newRegistry() {
            NodeRegistry real = super.newRegistry();
            return new NodeRegistry() {
                @Override
                public void register(String nodeId, String host, Version version, NodeState state, Duration ttl) {
                    real.register(nodeId, host, version, state, ttl);
                }

                @Override
                public void register(String nodeId, String host, Version version, NodeState state, Duration ttl,
                                     CompatibilityWindow serves) {
                    real.register(nodeId, host, version, state, ttl, serves);
                }

                @Override
                public boolean heartbeat(String nodeId, NodeState state, int inFlight) {
                    return false;
                }

                @Override
                public List<NodeRecord> nodes() {
                    return real.nodes();
                }

                @Override
                public List<NodeRecord> fenceBelow(Version version) {
                    return real.fenceBelow(version);
                }

                @Override
                public int terminateSessions(Collection<String> nodeIds) {
                    return real.terminateSessions(nodeIds);
                }

                @Override
                public void deregister(String nodeId) {
                    real.deregister(nodeId);
                }

                @Override
                public Optional<Version> fenceFloor() {
                    return real.fenceFloor();
                }

                @Override
                public boolean clearFence() {
                    return real.clearFence();
                }

                @Override
                public List<String> terminateSessionsOutside(Version dataVersion) {
                    return real.terminateSessionsOutside(dataVersion);
                }

                @Override
                public int pruneGone(Duration goneFor) {
                    return real.pruneGone(goneFor);
                }
            };
        }
    }

    /** The LISTEN feed, except that closing a subscription does nothing. */
    static class Uncloseable extends PgChangeFeedIT {
        /** The real subscriptions, closed when the suite is done so their threads and connections do not linger. */
        private static final List<AutoCloseable> LEFT_OPEN = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        protected ChangeFeed feed() {
            ChangeFeed real = super.feed();
            return (topic, poll, listener) -> {
                LEFT_OPEN.add(real.subscribe(topic, poll, listener));
                return () -> { };
            };
        }

        @org.junit.jupiter.api.AfterAll
        static void closeForReal() throws Exception {
            for (AutoCloseable s : LEFT_OPEN) {
                s.close();
            }
        }
    }

    /** The maintenance row, except that a plain exit closes a retired cluster's window too. */
    static class ExitIgnoresRetirement extends PgMaintenanceStoreIT {
        @Override
        protected MaintenanceStore newStore() {
            return careless(super.newStore());
        }

        @Override
        protected MaintenanceStore sameFlag() {
            return careless(super.sameFlag());
        }

        private static MaintenanceStore careless(MaintenanceStore real) {
            return new MaintenanceStore() {
                @Override
                public Optional<MaintenanceWindow> current() {
                    return real.current();
                }

                @Override
                public MaintenanceWindow enter(String reason, String who) {
                    return real.enter(reason, who);
                }

                @Override
                public boolean exit() {
                    return real.exit();
                }

                @Override
                public boolean exit(boolean force) {
                    return real.exit();
                }

                @Override
                public MaintenanceWindow retire(String who, String location) {
                    return real.retire(who, location);
                }
            };
        }
    }
}
