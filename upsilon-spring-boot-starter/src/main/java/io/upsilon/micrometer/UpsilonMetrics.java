package io.upsilon.micrometer;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.upsilon.NodeState;
import io.upsilon.UpgradeCallback;
import io.upsilon.UpgradeEvent;
import io.upsilon.UpgradeEventContext;
import io.upsilon.Version;
import io.upsilon.spi.MaintenanceWindow;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Upsilon's meters for Micrometer, fed by the node's {@link UpgradeEvent}s. Usable without Spring: add it as a
 * callback to the {@code UpsilonConfig} and bind it to a registry.
 *
 * <pre>{@code
 * UpsilonMetrics metrics = new UpsilonMetrics().maintenance(gate::window);
 * UpsilonConfig config = UpsilonConfig.builder()...callback(metrics).build();
 * metrics.bindTo(registry);
 * }</pre>
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><td>{@code upsilon.task.duration}</td><td>timer, tags version, task, outcome (success|failure)</td></tr>
 *   <tr><td>{@code upsilon.lock.wait}</td><td>timer: from asking for the cluster lock to getting it</td></tr>
 *   <tr><td>{@code upsilon.lock.held}</td><td>timer: from getting the cluster lock to releasing it</td></tr>
 *   <tr><td>{@code upsilon.node.state}</td><td>gauge per tag state: 1 for the node's current state, else 0</td></tr>
 *   <tr><td>{@code upsilon.data.version}</td><td>gauge 1 with tag version, the data version the node saw last</td></tr>
 *   <tr><td>{@code upsilon.maintenance.open}</td><td>gauge: 1 while the maintenance window is open</td></tr>
 * </table>
 *
 * <p>The timers are function timers (count and total time) over counts kept here, so that what happens before the
 * binder is bound to a registry, such as the upgrade while a Spring context starts, is counted too.
 *
 * <p>Thread-safe. One instance per node: the state and data-version gauges show the node whose events it hears.
 */
public final class UpsilonMetrics implements UpgradeCallback, MeterBinder {

    private final AtomicReference<NodeState> state = new AtomicReference<>(NodeState.STARTING);
    private final AtomicReference<Optional<Version>> dataVersion = new AtomicReference<>(Optional.empty());
    private final Map<String, Long> startedNanos = new ConcurrentHashMap<>();
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Map<TimerKey, TimeStat> timers = new ConcurrentHashMap<>();
    private final List<MultiGauge> versionGauges = new CopyOnWriteArrayList<>();
    private volatile Supplier<Optional<MaintenanceWindow>> maintenance = Optional::empty;

    /** Where the maintenance window's state comes from, e.g. {@code gate::window}; default: never open. */
    public UpsilonMetrics maintenance(Supplier<Optional<MaintenanceWindow>> window) {
        this.maintenance = window;
        return this;
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        registries.add(registry);
        timers.forEach((key, stat) -> register(registry, key, stat));
        for (NodeState s : NodeState.values()) {
            Gauge.builder("upsilon.node.state", state, r -> r.get() == s ? 1 : 0).tag("state", s.name())
                    .description("1 for the node's current state, 0 for the others").register(registry);
        }
        Gauge.builder("upsilon.maintenance.open", this, m -> m.maintenance.get().isPresent() ? 1 : 0)
                .description("1 while the cluster's maintenance window is open").register(registry);
        MultiGauge version = MultiGauge.builder("upsilon.data.version")
                .description("1, tagged with the data version the node saw last").register(registry);
        versionGauges.add(version);
        publishVersion(version, dataVersion.get());
    }

    @Override
    public void on(UpgradeEvent event, UpgradeEventContext context) {
        String node = context.nodeId();
        switch (event) {
            case STATE_CHANGED -> context.state().ifPresent(state::set);
            case DATA_VERSION_SEEN, VERSION_CHANGED -> {
                dataVersion.set(context.version());
                versionGauges.forEach(g -> publishVersion(g, context.version()));
            }
            case LOCK_WAITING -> startedNanos.put(node + "\u0000lock-wait", System.nanoTime());
            case LOCK_ACQUIRED -> {
                long now = System.nanoTime();
                since(node + "\u0000lock-wait").ifPresent(d -> record("upsilon.lock.wait",
                        "time from asking for the cluster lock to getting it", d, Tags.empty()));
                startedNanos.put(node + "\u0000lock-held", now);
            }
            case LOCK_RELEASED -> since(node + "\u0000lock-held").ifPresent(d -> record("upsilon.lock.held",
                    "time the cluster lock was held", d, Tags.empty()));
            case BEFORE_TASK -> startedNanos.put(taskKey(context), System.nanoTime());
            case AFTER_TASK -> taskDone(context, "success");
            case TASK_FAILED -> taskDone(context, "failure");
            default -> { }
        }
    }

    private void taskDone(UpgradeEventContext context, String outcome) {
        since(taskKey(context)).ifPresent(d -> record("upsilon.task.duration", "upgrade task duration, retries"
                + " included", d, Tags.of("version", context.version().map(Version::toString).orElse(""),
                "task", context.task().orElse(""), "outcome", outcome)));
    }

    private static String taskKey(UpgradeEventContext context) {
        return context.nodeId() + "\u0000task\u0000" + context.version().map(Version::toString).orElse("")
                + "\u0000" + context.task().orElse("");
    }

    private Optional<Duration> since(String key) {
        Long start = startedNanos.remove(key);
        return start == null ? Optional.empty() : Optional.of(Duration.ofNanos(System.nanoTime() - start));
    }

    private void record(String name, String description, Duration duration, Tags tags) {
        TimerKey key = new TimerKey(name, description, tags);
        TimeStat stat = timers.get(key);
        if (stat == null) {
            synchronized (this) { // with bindTo: a new timer reaches every registry exactly once
                stat = timers.computeIfAbsent(key, k -> {
                    TimeStat created = new TimeStat();
                    registries.forEach(r -> register(r, k, created));
                    return created;
                });
            }
        }
        stat.count.increment();
        stat.nanos.add(duration.toNanos());
    }

    private static void register(MeterRegistry registry, TimerKey key, TimeStat stat) {
        FunctionTimer.builder(key.name, stat, s -> s.count.sum(), s -> s.nanos.sum(), TimeUnit.NANOSECONDS)
                .description(key.description).tags(key.tags).register(registry);
    }

    private record TimerKey(String name, String description, Tags tags) {
    }

    /** A timer's count and total, kept here so that what happened before binding (the start-up upgrade) counts. */
    private static final class TimeStat {
        final LongAdder count = new LongAdder();
        final LongAdder nanos = new LongAdder();
    }

    private static void publishVersion(MultiGauge gauge, Optional<Version> version) {
        gauge.register(version.map(v -> List.of(MultiGauge.Row.of(Tags.of("version", v.toString()), 1)))
                .orElse(List.of()), true);
    }

    @Override
    public String toString() {
        return "UpsilonMetrics[" + state.get() + ", data " + dataVersion.get().map(Version::toString).orElse("none")
                + "]";
    }
}
