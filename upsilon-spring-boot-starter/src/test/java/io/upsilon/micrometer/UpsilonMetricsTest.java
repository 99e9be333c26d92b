package io.upsilon.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.upsilon.NodeState;
import io.upsilon.UpgradeEvent;
import io.upsilon.UpgradeEventContext;
import io.upsilon.Version;
import io.upsilon.spi.MaintenanceWindow;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The binder on its own, as a service without Spring uses it: events in, meters out. */
class UpsilonMetricsTest {

    private static UpgradeEventContext context(String version, String task, NodeState state) {
        return new UpgradeEventContext("n1", 1, Optional.ofNullable(version).map(Version::parse),
                Optional.ofNullable(task), Optional.empty(), Optional.ofNullable(state));
    }

    @Test
    void whatHappenedBeforeBindingIsCountedAndLaterEventsToo() {
        AtomicReference<Optional<MaintenanceWindow>> window = new AtomicReference<>(Optional.empty());
        UpsilonMetrics metrics = new UpsilonMetrics().maintenance(window::get);
        metrics.on(UpgradeEvent.LOCK_WAITING, context(null, null, null));
        metrics.on(UpgradeEvent.LOCK_ACQUIRED, context(null, null, null));
        metrics.on(UpgradeEvent.BEFORE_TASK, context("1.0", "a.sql", null));
        metrics.on(UpgradeEvent.AFTER_TASK, context("1.0", "a.sql", null));
        metrics.on(UpgradeEvent.BEFORE_TASK, context("1.1", "b.sql", null));
        metrics.on(UpgradeEvent.TASK_FAILED, context("1.1", "b.sql", null));
        metrics.on(UpgradeEvent.LOCK_RELEASED, context(null, null, null));
        metrics.on(UpgradeEvent.DATA_VERSION_SEEN, context("1.0", null, null));
        metrics.on(UpgradeEvent.STATE_CHANGED, context(null, null, NodeState.WAITING));

        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        assertThat(registry.get("upsilon.task.duration").tags("task", "a.sql", "outcome", "success")
                .functionTimer().count()).isEqualTo(1.0);
        assertThat(registry.get("upsilon.task.duration").tags("task", "b.sql", "outcome", "failure")
                .functionTimer().count()).isEqualTo(1.0);
        assertThat(registry.get("upsilon.lock.wait").functionTimer().count()).isEqualTo(1.0);
        assertThat(registry.get("upsilon.lock.held").functionTimer().count()).isEqualTo(1.0);
        assertThat(registry.get("upsilon.node.state").tag("state", "WAITING").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("upsilon.data.version").tag("version", "1.0").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("upsilon.maintenance.open").gauge().value()).isEqualTo(0.0);

        // after binding: a second upgrade, a new data version, the window opening
        metrics.on(UpgradeEvent.BEFORE_TASK, context("1.1", "b.sql", null));
        metrics.on(UpgradeEvent.AFTER_TASK, context("1.1", "b.sql", null));
        metrics.on(UpgradeEvent.VERSION_CHANGED, context("1.1", null, null));
        metrics.on(UpgradeEvent.STATE_CHANGED, context(null, null, NodeState.READY));
        window.set(Optional.of(new MaintenanceWindow("test", "me", Instant.now())));
        assertThat(registry.get("upsilon.task.duration").tags("task", "b.sql", "outcome", "success")
                .functionTimer().count()).isEqualTo(1.0);
        assertThat(registry.get("upsilon.node.state").tag("state", "READY").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("upsilon.node.state").tag("state", "WAITING").gauge().value()).isEqualTo(0.0);
        assertThat(registry.find("upsilon.data.version").tag("version", "1.0").gauge()).isNull();
        assertThat(registry.get("upsilon.data.version").tag("version", "1.1").gauge().value()).isEqualTo(1.0);
        assertThat(registry.get("upsilon.maintenance.open").gauge().value()).isEqualTo(1.0);
    }

    @Test
    void aTaskEndWithoutItsStartRecordsNothing() {
        UpsilonMetrics metrics = new UpsilonMetrics();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        metrics.bindTo(registry);
        metrics.on(UpgradeEvent.AFTER_TASK, context("1.0", "a.sql", null));
        metrics.on(UpgradeEvent.LOCK_WAITING, context(null, null, null)); // a waiting node that never gets it
        assertThat(registry.find("upsilon.task.duration").meters()).isEmpty();
        assertThat(registry.find("upsilon.lock.wait").meters()).isEmpty();
    }
}
