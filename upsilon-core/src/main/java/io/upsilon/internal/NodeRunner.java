package io.upsilon.internal;

import io.upsilon.CompatibilityWindow;
import io.upsilon.ErrorCode;
import io.upsilon.NodeState;
import io.upsilon.UpgradeEvent;
import io.upsilon.UpgradeResult;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.spi.ChangeFeed;
import io.upsilon.spi.NodeRegistry;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives one node through its states. Every evaluation runs on one worker thread: read the data version, fence if
 * it left the window, upgrade if this node is the first of its version (a lock held elsewhere means WAITING), and
 * go READY when the data version is one this software serves. Evaluations are triggered at start, by the change
 * feed (a notification, or the polling fallback) and by the heartbeat's operator-fence flag.
 */
public final class NodeRunner implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeRunner.class);

    /** The settings of a node beyond its {@link UpsilonConfig}. */
    public record Settings(NodeRegistry registry, ChangeFeed feed, CompatibilityWindow window, String host,
                           Duration heartbeat, Duration ttl, Duration pollInterval, Duration failureBackoff,
                           boolean upgradeOnStart, Runnable onFenced, Duration holdWhileWaiting,
                           boolean terminateStraySessions, Duration pruneGoneAfter) {
    }

    private final UpsilonConfig config;
    private final Settings settings;
    private final Upsilon impatient;
    private final Events events;
    private final NodeStateHolder state;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean evaluationPending = new AtomicBoolean();
    private final ExecutorService worker;
    private final ScheduledExecutorService heartbeat;
    private volatile Optional<Version> lastSeen = Optional.empty();
    private final AtomicReference<Version> announced = new AtomicReference<>();
    private volatile long lastFailureNanos;
    private volatile boolean failedBefore;
    private volatile String fenceReason = "";
    private boolean floorChecked; // worker thread only
    private long lastLockAttempt; // worker thread only
    private static final Duration LOCK_RETRY = Duration.ofSeconds(1);
    private final NodeChores chores;
    private AutoCloseable subscription;

    public NodeRunner(UpsilonConfig config, Settings settings) {
        this.config = config;
        this.settings = settings;
        this.events = new Events(config.nodeId(), config.callbacks());
        this.chores = new NodeChores(config, settings);
        this.state = new NodeStateHolder(config.nodeId(), events, this::beatSoon);
        // a node never queues behind another node's upgrade: if the lock is taken, it WAITs for the data version
        this.impatient = Upsilon.create(config.toBuilder().lockWaitTimeout(Duration.ZERO)
                .callback((event, context) -> {
                    if (event == UpgradeEvent.BEFORE_TASK) {
                        // not at LOCK_ACQUIRED: a node that gets the lock only to find the work done never upgrades
                        state.move(NodeState.UPGRADING, lastSeen);
                    } else if (event == UpgradeEvent.UPGRADE_COMPLETED) {
                        if (servesAtTarget(context.version())) {
                            // the data is committed: serve now, not after the lock's release; the release row goes
                            // first, so that a node of the next release can never be recorded before this one
                            chores.recordReleaseOnce(context.version());
                            state.move(NodeState.READY, see(context.version()));
                        }
                        // on the heartbeat thread, so serving is not delayed by it
                        context.version().ifPresent(v -> onHeartbeatThread(() -> chores.endStraySessions(v)));
                    }
                }).build());
        this.worker = Executors.newSingleThreadExecutor(daemon("upsilon-node-" + config.nodeId()));
        this.heartbeat = Executors.newSingleThreadScheduledExecutor(daemon("upsilon-heartbeat-" + config.nodeId()));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    /** Registers the node, subscribes to data-version changes and starts the first evaluation. Returns at once. */
    public synchronized void start() {
        settings.registry().register(config.nodeId(), settings.host(), config.softwareVersion(), NodeState.UP,
                settings.ttl(), settings.window());
        state.move(NodeState.UP, lastSeen);
        subscription = settings.feed().subscribeWithPayload(ChangeFeed.Topic.DATA_VERSION, settings.pollInterval(),
                this::dataVersionAnnounced);
        long every = settings.heartbeat().toMillis();
        heartbeat.scheduleWithFixedDelay(this::beat, every, every, TimeUnit.MILLISECONDS);
        requestEvaluation();
    }

    /**
     * A notification's committed data version, if it carried one: the next evaluation may use it instead of a read,
     * which saves waiting nodes a connection when the version they wait for arrives.
     */
    private void dataVersionAnnounced(Optional<String> payload) {
        payload.filter(Version::isValid).map(Version::parse).ifPresent(announced::set);
        requestEvaluation();
    }

    /** Queues an evaluation unless one is already queued. */
    public void requestEvaluation() {
        if (evaluationPending.compareAndSet(false, true)) {
            try {
                worker.execute(() -> {
                    evaluationPending.set(false);
                    try {
                        evaluate();
                    } catch (RuntimeException e) {
                        LOG.warn("Node {} could not check the data version: {}", config.nodeId(), e.getMessage());
                    }
                });
            } catch (java.util.concurrent.RejectedExecutionException closed) {
                // the node is closing: a change heard in the meantime needs no evaluation
                evaluationPending.set(false);
            }
        }
    }

    private void evaluate() {
        if (state.get() == NodeState.FENCED) {
            return;
        }
        if (!floorChecked) {
            floorChecked = true;
            if (fencedByOperator()) { // before any upgrade: an upgrading node goes READY at the bump's commit
                fence("fenced by an operator (upsilon fence: its version is below the fence floor)");
                return;
            }
        }
        Optional<Version> dataVersion = see(currentDataVersion());
        if (settings.window().isBehind(dataVersion)) {
            fence("data version " + dataVersion.orElseThrow() + " is newer than software " + config.softwareVersion()
                    + " serves " + settings.window());
            return;
        }
        Optional<Version> target = config.manifest().floor(config.softwareVersion());
        if (needsUpgrade(dataVersion, target) && backoffOver() && lockAttemptDue()) {
            Optional<Version> upgraded = tryUpgrade();
            if (upgraded.isPresent()) {
                dataVersion = upgraded;
            }
        }
        if (servesAtTarget(dataVersion) || settings.window().serves(dataVersion) && !settings.upgradeOnStart()) {
            if (state.get() != NodeState.READY) {
                if (fencedByOperator()) {
                    // checked before the first READY, not at the next heartbeat: a node below the fence floor must
                    // never serve, not even for one beat
                    fence("fenced by an operator (upsilon fence: its version is below the fence floor)");
                    return;
                }
                // the release row goes on the heartbeat thread just before the beat that records READY (queued by
                // the move): off this worker, on the connection the registry keeps until that beat closes it
                Optional<Version> serving = dataVersion;
                onHeartbeatThread(() -> chores.recordReleaseOnce(serving));
            }
            state.move(NodeState.READY, dataVersion);
        } else if (!failedBefore) {
            // after a failed upgrade the node stays UP (alive, not ready) until its retry
            state.move(NodeState.WAITING, dataVersion);
        }
    }

    /**
     * The announced version when there is one and it is not older than the last one seen (a notification handled
     * late can trail a read; a real downgrade is then read, not trusted); otherwise the store's.
     */
    private Optional<Version> currentDataVersion() {
        Version hint = announced.getAndSet(null);
        if (hint != null && (lastSeen.isEmpty() || !hint.isBefore(lastSeen.get()))) {
            return Optional.of(hint);
        }
        return config.store().dataVersion();
    }

    /** The window serves {@code dataVersion} and it has reached this software's target (the manifest's floor). */
    private boolean servesAtTarget(Optional<Version> dataVersion) {
        Optional<Version> target = config.manifest().floor(config.softwareVersion());
        boolean atTarget = target.isEmpty() || dataVersion.isPresent() && !dataVersion.get().isBefore(target.get());
        return atTarget && settings.window().serves(dataVersion);
    }

    private boolean needsUpgrade(Optional<Version> dataVersion, Optional<Version> target) {
        return settings.upgradeOnStart() && state.get() != NodeState.READY && target.isPresent()
                && (dataVersion.isEmpty() || dataVersion.get().isBefore(target.get()));
    }

    /**
     * A WAITING node tries the lock again at most once per {@link #LOCK_RETRY}: with a short poll interval (the polling
     * feed behind PgBouncer) every waiting node would otherwise try it at every poll — a hundred nodes polling every
     * 100 ms, a thousand lock attempts a second — while what they wait for is the holder's work. A holder that dies
     * is still taken over within a second (a lease within its TTL anyway), and a new data version is evaluated at once.
     */
    private boolean lockAttemptDue() {
        long now = System.nanoTime();
        if (state.get() == NodeState.WAITING && now - lastLockAttempt < LOCK_RETRY.toNanos()) {
            return false;
        }
        lastLockAttempt = now;
        return true;
    }

    private boolean backoffOver() {
        return !failedBefore || System.nanoTime() - lastFailureNanos > settings.failureBackoff().toNanos();
    }

    /** Runs the upgrade if the lock is free; the new data version, or empty if another node holds the lock. */
    private Optional<Version> tryUpgrade() {
        try {
            UpgradeResult result = impatient.upgrade();
            failedBefore = false;
            return see(result.after());
        } catch (UpsilonException e) {
            if (e.code() == ErrorCode.LOCK_TIMEOUT) {
                LOG.info("Node {}: another node holds the upgrade lock; waiting for the data version", config.nodeId());
                return Optional.empty();
            }
            failedBefore = true;
            lastFailureNanos = System.nanoTime();
            LOG.error("Node {}: upgrade failed, staying not ready and retrying in {} s: {}", config.nodeId(),
                    settings.failureBackoff().toSeconds(), e.getMessage());
            state.move(NodeState.UP, lastSeen);
            return Optional.empty();
        }
    }

    /**
     * Whether the node table marks this node fenced (its row, or the fence floor); false if it cannot tell. A read:
     * the heartbeat that follows READY records the state.
     */
    private boolean fencedByOperator() {
        try {
            return settings.registry().fenced(config.nodeId());
        } catch (RuntimeException e) {
            LOG.warn("Node {} could not check the fence floor: {}", config.nodeId(), e.getMessage());
            return false;
        }
    }

    private Optional<Version> see(Optional<Version> dataVersion) {
        if (!dataVersion.equals(lastSeen)) {
            lastSeen = dataVersion;
            events.dataVersionSeen(dataVersion);
        }
        return dataVersion;
    }

    private void beatSoon() {
        onHeartbeatThread(this::beat);
    }

    private void onHeartbeatThread(Runnable work) {
        try {
            heartbeat.execute(work);
        } catch (java.util.concurrent.RejectedExecutionException closed) {
            // shutting down: the final state is not worth a write
        }
    }

    private void writeState(NodeState now) {
        try {
            settings.registry().heartbeat(config.nodeId(), now, inFlight.get());
        } catch (RuntimeException e) {
            LOG.warn("Node {} could not record its state {}: {}", config.nodeId(), now, e.getMessage());
        }
    }

    private void beat() {
        chores.pruneNowAndThen();
        try {
            if (settings.registry().heartbeat(config.nodeId(), state.get(), inFlight.get())
                    && state.get() != NodeState.FENCED) {
                fence("fenced by an operator (upsilon fence)");
            }
        } catch (RuntimeException e) {
            LOG.warn("Node {} heartbeat failed: {}", config.nodeId(), e.getMessage());
        }
    }

    private void fence(String reason) {
        fenceReason = reason;
        LOG.error("Node {} is FENCED: {}; it refuses writes and should be replaced", config.nodeId(), reason);
        // the node table says FENCED before anyone can see this node fenced, so an operator who acts on the
        // state (ends the node's sessions, say) never reads a stale READY there
        writeState(NodeState.FENCED);
        state.move(NodeState.FENCED, lastSeen);
        unsubscribe(); // a fenced node evaluates nothing more; in-process feeds shared with other nodes go on
        settings.onFenced().run();
    }

    private synchronized void unsubscribe() {
        if (subscription != null) {
            try {
                subscription.close();
            } catch (Exception e) {
                LOG.debug("Closing the change feed failed: {}", e.getMessage());
            }
            subscription = null;
        }
    }

    public NodeState state() {
        return state.get();
    }

    /** Why the node was fenced; empty unless FENCED. */
    public String fenceReason() {
        return fenceReason;
    }

    public Optional<Version> lastSeenDataVersion() {
        return lastSeen;
    }

    public boolean awaitState(NodeState wanted, Duration timeout) throws InterruptedException {
        return state.await(wanted, timeout);
    }

    /** @throws UpsilonException {@link ErrorCode#FENCED} or {@link ErrorCode#NOT_READY} unless READY */
    public void checkWritable() {
        NodeState now = state.get();
        if (now == NodeState.FENCED) {
            throw new UpsilonException(ErrorCode.FENCED, "node " + config.nodeId() + " is fenced (" + fenceReason
                    + "); send the request to a node of a newer version");
        }
        if (now != NodeState.READY) {
            throw new UpsilonException(ErrorCode.NOT_READY, "node " + config.nodeId() + " is " + now
                    + ", not READY; retry on a ready node");
        }
    }

    /**
     * The write guard, holding the caller up to {@code hold} while this node is about to serve (starting, WAITING
     * for another node's upgrade, or UPGRADING): it returns as soon as the node is READY. A FENCED node, a node that
     * stays UP after a failed upgrade, and a node that is still not READY after {@code hold} refuse as
     * {@link #checkWritable()} does.
     */
    public void awaitWritable(Duration hold) throws InterruptedException {
        if (!hold.isZero() && !hold.isNegative() && aboutToServe(state.get())) {
            state.await(s -> s == NodeState.READY || s == NodeState.FENCED || s == NodeState.UP && failedBefore,
                    hold);
        }
        checkWritable();
    }

    private boolean aboutToServe(NodeState now) {
        return now == NodeState.WAITING || now == NodeState.UPGRADING || now == NodeState.STARTING
                || now == NodeState.UP && !failedBefore;
    }

    /** The configured bound of {@link #awaitWritable}. */
    public Duration holdWhileWaiting() {
        return settings.holdWhileWaiting();
    }

    /** Counts one unit of work in flight until the returned handle is closed; holds as {@link #awaitWritable}. */
    public AutoCloseable beginWork(Duration hold) throws InterruptedException {
        awaitWritable(hold);
        inFlight.incrementAndGet();
        AtomicBoolean done = new AtomicBoolean();
        return () -> {
            if (done.compareAndSet(false, true)) {
                inFlight.decrementAndGet();
            }
        };
    }

    public int inFlight() {
        return inFlight.get();
    }

    @Override
    public synchronized void close() {
        heartbeat.shutdownNow();
        worker.shutdownNow();
        unsubscribe();
        try {
            if (state.get() != NodeState.FENCED) { // a fenced node stays listed, for the operator to see
                settings.registry().deregister(config.nodeId());
            }
        } catch (RuntimeException e) {
            LOG.debug("Deregistering node {} failed: {}", config.nodeId(), e.getMessage());
        }
    }
}
