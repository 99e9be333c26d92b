package io.upsilon.spring;

import io.upsilon.NodeState;
import io.upsilon.UpgradeCallback;
import io.upsilon.UpgradeEvent;
import io.upsilon.UpsilonNode;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;

/**
 * Starts the node while the application context starts, as Flyway's {@code FlywayMigrationInitializer} runs its
 * migration: beans that depend on database initialization (JdbcTemplate, JPA) are made after this one (see
 * {@link UpsilonDatabaseInitializerDetector}). It waits while this node upgrades, up to
 * {@code upsilon.startup-wait}; it does not wait for another node's upgrade (the node is WAITING, not ready, and
 * turns READY when the data arrives), nor for a node that is FENCED or whose upgrade failed (not ready; it retries).
 */
public class UpsilonNodeInitializer implements InitializingBean {

    private static final Logger LOG = LoggerFactory.getLogger(UpsilonNodeInitializer.class);
    private static final Set<NodeState> SETTLED = EnumSet.of(NodeState.READY, NodeState.WAITING, NodeState.FENCED);

    private final UpsilonNode node;
    private final UpsilonEvents events;
    private final Duration startupWait;

    public UpsilonNodeInitializer(UpsilonNode node, UpsilonEvents events, Duration startupWait) {
        this.node = node;
        this.events = events;
        this.startupWait = startupWait;
    }

    @Override
    public void afterPropertiesSet() throws InterruptedException {
        CountDownLatch settled = new CountDownLatch(1);
        AtomicBoolean upgrading = new AtomicBoolean();
        UpgradeCallback listener = (event, context) -> {
            if (event != UpgradeEvent.STATE_CHANGED || context.state().isEmpty()) {
                return;
            }
            NodeState now = context.state().get();
            if (now == NodeState.UPGRADING) {
                upgrading.set(true);
            }
            // UPGRADING -> UP is a failed upgrade: the node stays not ready and retries after its back-off
            if (SETTLED.contains(now) || now == NodeState.UP && upgrading.get()) {
                settled.countDown();
            }
        };
        events.subscribe(listener);
        try {
            node.start();
            long deadline = System.nanoTime() + startupWait.toNanos();
            // the node's own state is checked too: a config of the application's own may not carry the events
            while (!SETTLED.contains(node.state()) && !settled.await(50, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > deadline) {
                    LOG.warn("Node is still {} after upsilon.startup-wait ({}); start-up goes on and the node stays"
                            + " not ready until its upgrade is done", node.state(), startupWait);
                    break;
                }
            }
        } finally {
            events.unsubscribe(listener);
        }
        LOG.info("Upsilon node is {} (data version {}, serves {})", node.state(),
                node.dataVersion().map(Object::toString).orElse("none"), node.window());
    }
}
