package io.upsilon.spring;

import io.upsilon.MaintenanceGate;
import io.upsilon.NodeState;
import io.upsilon.UpgradeEvent;
import io.upsilon.UpsilonNode;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;

/**
 * Makes Spring Boot's {@link ReadinessState} follow the data version: the application is ACCEPTING_TRAFFIC only
 * while Spring Boot would say so (it says so once the application is ready, and not during a graceful shutdown)
 * and the node is READY and the maintenance window is closed. Liveness is never touched: a node that upgrades,
 * waits or is fenced is still alive, so a liveness probe never kills it.
 *
 * <p>It hears the node's state changes at once through {@link UpsilonEvents}, and checks the node and the gate's
 * cached window (no database round trip) on a short tick, which covers the maintenance window and a config
 * without the events.
 *
 * <p>Ordering: it should hear Spring Boot's own ACCEPTING_TRAFFIC after {@link ApplicationAvailability} records it,
 * so that its correction is the last word. It takes the {@code ApplicationAvailability} bean in its constructor,
 * which makes that bean (a listener as well) registered first; listeners of equal order are called in
 * registration order. Should the order differ, the next tick sets it right: it compares with what
 * {@code ApplicationAvailability} holds.
 */
public class UpsilonReadiness implements ApplicationListener<AvailabilityChangeEvent<ReadinessState>>, Ordered,
        DisposableBean {

    private static final Logger LOG = LoggerFactory.getLogger(UpsilonReadiness.class);

    private final UpsilonNode node;
    private final MaintenanceGate gate;
    private final ApplicationEventPublisher publisher;
    private final ApplicationAvailability availability;
    private final ScheduledExecutorService tick;
    private boolean applicationAccepting;

    public UpsilonReadiness(UpsilonNode node, MaintenanceGate gate, UpsilonEvents events,
                            ApplicationEventPublisher publisher, ApplicationAvailability availability,
                            Duration tickInterval) {
        this.node = node;
        this.gate = gate;
        this.publisher = publisher;
        this.availability = availability;
        this.applicationAccepting = availability.getReadinessState() == ReadinessState.ACCEPTING_TRAFFIC;
        events.subscribe((event, context) -> {
            if (event == UpgradeEvent.STATE_CHANGED) {
                update();
            }
        });
        this.tick = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "upsilon-readiness");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(10, tickInterval.toMillis());
        tick.scheduleWithFixedDelay(this::safeUpdate, every, every, TimeUnit.MILLISECONDS);
    }

    /** Whether the node may take traffic now, as far as Upsilon is concerned. */
    public boolean nodeServes() {
        return node.state() == NodeState.READY && gate.window().isEmpty();
    }

    @Override
    public void onApplicationEvent(AvailabilityChangeEvent<ReadinessState> event) {
        if (event.getSource() == this) {
            return;
        }
        synchronized (this) {
            applicationAccepting = event.getState() == ReadinessState.ACCEPTING_TRAFFIC;
        }
        update();
    }

    private void safeUpdate() {
        try {
            update();
        } catch (RuntimeException e) {
            LOG.warn("Could not update the readiness state: {}", e.toString());
        }
    }

    /**
     * Publishes the readiness the node and the application agree on, if {@link ApplicationAvailability} holds
     * another. Compared with what it holds, not with what was last published here: whatever order events of two
     * threads arrive in, the next tick sets it right.
     */
    public synchronized void update() {
        ReadinessState wanted = applicationAccepting && nodeServes() ? ReadinessState.ACCEPTING_TRAFFIC
                : ReadinessState.REFUSING_TRAFFIC;
        if (wanted != availability.getReadinessState()) {
            LOG.info("Readiness {} (node {}, maintenance window {})", wanted, node.state(),
                    gate.window().isPresent() ? "open" : "closed");
            AvailabilityChangeEvent.publish(publisher, this, wanted);
        }
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    @Override
    public void destroy() {
        tick.shutdownNow();
    }
}
