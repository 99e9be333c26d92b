package io.upsilon.spring.actuate;

import io.upsilon.MaintenanceGate;
import io.upsilon.NodeState;
import io.upsilon.UpsilonNode;
import io.upsilon.Version;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/**
 * The node in {@code /actuator/health}: UP when READY, OUT_OF_SERVICE when FENCED (to be replaced), UNKNOWN while
 * it starts, upgrades or waits for the data (alive, only not ready: the readiness probe, not health, keeps traffic
 * away). Details: state, software version, data version, window, maintenance. Reads no database.
 */
public class UpsilonHealthIndicator extends AbstractHealthIndicator {

    private final UpsilonNode node;
    private final MaintenanceGate gate;
    private final Version softwareVersion;

    public UpsilonHealthIndicator(UpsilonNode node, MaintenanceGate gate, Version softwareVersion) {
        super("Upsilon health check failed");
        this.node = node;
        this.gate = gate;
        this.softwareVersion = softwareVersion;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        NodeState state = node.state();
        Status status = switch (state) {
            case READY -> Status.UP;
            case FENCED -> Status.OUT_OF_SERVICE;
            default -> Status.UNKNOWN;
        };
        builder.status(status).withDetail("state", state.name())
                .withDetail("softwareVersion", softwareVersion.toString())
                .withDetail("dataVersion", node.dataVersion().map(Version::toString).orElse("none"))
                .withDetail("window", node.window().versions().stream().map(Version::toString).toList())
                .withDetail("maintenance", gate.window().isPresent() ? "open" : "closed");
    }
}
