package io.upsilon.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.upsilon.ErrorCode;
import io.upsilon.Fence;
import io.upsilon.NodeState;
import io.upsilon.UpsilonException;
import io.upsilon.ValidationIssue;
import io.upsilon.Version;
import io.upsilon.spi.ClusterLock;
import io.upsilon.spi.LockGrant;
import io.upsilon.spi.LockInfo;
import io.upsilon.spi.MaintenanceStore;
import io.upsilon.spi.MaintenanceWindow;
import io.upsilon.spi.NodeRecord;
import io.upsilon.spi.NodeRegistry;
import io.upsilon.spi.ReleaseRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reports' words: what {@code describe()}, {@code summary()} and the tables of the rows say. */
class ReportDescriptionsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    private static NodeRow node(String id, String state, int inFlight, boolean fenced, boolean gone) {
        return new NodeRow(id, "h1", "1.0", state, inFlight, T0.toString(), T0.toString(), 3000, 20_000, fenced,
                gone);
    }

    @Test
    void theNodeTableFlagsGoneAndFencedNodesAndCountsThem() {
        List<NodeRow> rows = List.of(node("web-1", "READY", 2, false, false), node("web-2", "READY", 0, true, true),
                node("web-3", "FENCED", 0, false, false));
        assertThat(rows).extracting(NodeRow::flags).containsExactly(null, "GONE,FENCED", null);
        assertThat(NodeRow.table(rows).lines("")).containsExactly(
                "NODE   HOST  VERSION  STATE   IN-FLIGHT  HEARTBEAT  FLAGS",
                "web-1  h1    1.0      READY   2          3.0 s ago  -",
                "web-2  h1    1.0      READY   0          3.0 s ago  GONE,FENCED",
                "web-3  h1    1.0      FENCED  0          3.0 s ago  -");
        assertThat(NodeRow.summary(rows)).isEqualTo("3 nodes: 1 ready, 1 gone, 2 fenced.");
        assertThat(NodeRow.busy(rows.subList(0, 2)))
                .isEqualTo("web-1 (2 in flight), web-2 (0 in flight; awaiting its next heartbeat)");
    }

    @Test
    void theNodeRegistrysClockIsReadOnlyWhenThereAreNodes() {
        NodeRecord record = new NodeRecord("web-1", "h1", Version.parse("1.0"), NodeState.READY, 0, T0, T0,
                Duration.ofSeconds(20), false, false);
        Deque<Instant> clock = new ArrayDeque<>(List.of(T0.plusSeconds(4)));
        FixedRegistry registry = new FixedRegistry(List.of(record), clock);
        assertThat(NodeRow.of(List.of(), registry)).isEmpty();
        assertThat(clock).as("not read for no nodes").hasSize(1);
        assertThat(NodeRow.of(List.of(record), registry)).singleElement()
                .extracting(NodeRow::heartbeatAgeMillis).isEqualTo(4000L);
    }

    @Test
    void aLockReadsFreeOrHeldAndAReleaseSaysWhatHappened() {
        LockRow free = new LockRow("upgrade", "advisory", null, 7, false, null, null, null, null);
        LockRow dead = new LockRow("upgrade", "lease", "web-1", 8, false, 4200L, null, null, null);
        LockRow alive = new LockRow("upgrade", "lease", "web-2", 9, true, 500L, null, null, null);
        assertThat(free.describe()).isEqualTo("free (advisory, last fencing token 7)");
        assertThat(dead.describe()).isEqualTo("held by web-1 (lease, token 8, NOT alive, held for 4.2 s)");
        assertThat(alive.describe()).isEqualTo("held by web-2 (lease, token 9, alive, held for 500 ms)");
        assertThat(free.table(free.describe())).isEqualTo("""
                Lock         upgrade
                State        free (advisory, last fencing token 7)
                Holder       none
                Token        7
                Kind         advisory
                Alive        false
                Held for     -
                Acquired at  -
                Renewed at   -
                Expires at   never (session lock)
                """);
        assertThat(new LockRelease(true, dead, free).summary()).isEqualTo("Cleared the abandoned lock of web-1"
                + " (token 8). The next holder gets a higher token, so web-1 is fenced if it comes back.");
        assertThat(new LockRelease(false, alive, alive).summary())
                .startsWith("Nothing cleared: web-2 holds the lock and is alive (token 9, lease).");
        assertThat(new LockRelease(false, free, free).summary()).isEqualTo("Nothing cleared: the lock is free.");
        assertThat(new LockRelease(false, null, null).summary())
                .isEqualTo("Nothing cleared: the lock has never been taken.");
    }

    @Test
    void aDeadHoldersLockSaysTheNextUpgradeTakesItOver() {
        // right after a holder died (kill -9) the next upgrade takes the lock by itself, so the advice must not send
        // the operator to 'release --yes' first (issue 13, item 8)
        LockRow dead = new LockRow("upgrade", "advisory", "node-1", 7, false, 1_000L, null, null, null);
        assertThat(dead.describeWithAdvice()).contains("NOT alive", "the next upgrade takes it over by itself")
                .doesNotContain("release --yes' clears it");
        LockRow alive = new LockRow("upgrade", "lease", "node-1", 7, true, 1_000L, null, null, null);
        assertThat(alive.describeWithAdvice()).isEqualTo(alive.describe());
    }

    @Test
    void aStatusReportReadsAsATableWithWhatToRunNextThenThePendingTasksAndTheIssues() {
        ValidationIssue gone = new ValidationIssue(ValidationIssue.Kind.MISSING, Version.parse("1.0"), "b.sql",
                Optional.empty(), Optional.empty(), "b.sql is gone");
        StatusReport pending = new StatusReport("1.0", "1.1", "PENDING",
                List.of(new StepRow("1.1", "com.acme.Backfill", "JAVA", "RUN", "1.1")), null, List.of(), List.of(gone),
                "upsilon.tasks", "db at localhost");
        assertThat(pending.describe()).isEqualTo("""
                Database          db at localhost
                Manifest          upsilon.tasks
                Data version      1.0
                Software version  1.1
                State             1 task pending; 'upsilon plan' shows them in order, 'upsilon upgrade' runs them
                Lock              never taken

                Pending tasks:
                  VERSION  TASK               KIND  ACTION
                  1.1      com.acme.Backfill  JAVA  RUN

                The manifest does not match the history ('upsilon validate' for CI; an upgrade refuses on an ERROR):
                  warning b.sql is gone
                """);
        LockRow dead = new LockRow("upgrade", "advisory", "node-1", 7, false, 1_000L, null, null, null);
        assertThat(new StatusReport("1.2", "1.1", "AHEAD", List.of(), dead, List.of(), List.of(), "m", "db")
                .describe()).contains("State             the data version 1.2 is ahead of 1.1; 'upsilon upgrade --to"
                + " 1.1' rolls back if every task has a rollback\n", "Lock              " + dead.describeWithAdvice())
                .doesNotContain("Pending tasks", "does not match");
        assertThat(new StatusReport(null, "1.1", "UP_TO_DATE", List.of(), null, List.of(), List.of(), "m", "db")
                .describe()).contains("Data version      none\n", "State             up to date\n");
    }

    @Test
    void aReleaseAttemptReadsTheLockBeforeAndAfter() {
        LockInfo held = new LockInfo("upgrade", "lease", Optional.of("web-1"), 8, T0, T0, Optional.of(T0),
                Duration.ofSeconds(90), false);
        LockInfo cleared = new LockInfo("upgrade", "lease", Optional.empty(), 9, T0, T0, Optional.empty(),
                Duration.ZERO, false);
        Deque<Optional<LockInfo>> reads = new ArrayDeque<>(List.of(Optional.of(held), Optional.of(cleared)));
        ClusterLock lock = new ClusterLock() {
            @Override public Optional<LockGrant> acquire(Duration timeout) {
                throw new UnsupportedOperationException();
            }
            @Override public Optional<LockInfo> inspect() { return reads.pop(); }
            @Override public boolean releaseIfAbandoned() { return true; }
            @Override public String kind() { return "lease"; }
        };
        LockRelease release = LockRelease.attempt(lock);
        assertThat(release.cleared()).isTrue();
        assertThat(release.before().holder()).isEqualTo("web-1");
        assertThat(release.lock().holder()).isNull();
        assertThat(release.lock().fencingToken()).isEqualTo(9);
    }

    @Test
    void aMaintenanceWindowReadsWithItsAgeOnlyOnceASecondOld() {
        MaintenanceWindow window = new MaintenanceWindow("schema cut-over", "alice", T0);
        assertThat(MaintenanceRow.of(window, T0.plusMillis(300)).describe())
                .isEqualTo("since 2026-01-01T10:00:00Z, by alice: schema cut-over");
        assertThat(MaintenanceRow.of(window, T0.plusSeconds(720)).describe())
                .isEqualTo("since 2026-01-01T10:00:00Z (12 min), by alice: schema cut-over");
        MaintenanceRow moved = MaintenanceRow.of(new MaintenanceWindow(MaintenanceWindow.MOVED, "bob", T0,
                "jdbc:postgresql://b/app"), T0);
        assertThat(moved.moved()).isTrue();
        assertThat(moved.movedTo()).isEqualTo("the service moved to jdbc:postgresql://b/app");
        assertThat(MaintenanceRow.of(Optional.empty(), T0)).isNull();
    }

    @Test
    void anErrorRowCarriesTheCodeAndExitCodeOrUnexpected() {
        assertThat(ErrorRow.of(ErrorCode.DRAIN_TIMEOUT, "not drained"))
                .isEqualTo(new ErrorRow("DRAIN_TIMEOUT", "not drained", ErrorCode.DRAIN_TIMEOUT.exitCode()));
        assertThat(ErrorRow.of(new UpsilonException(ErrorCode.BAD_INPUT, "bad"), "bad"))
                .isEqualTo(new ErrorRow("BAD_INPUT", "bad", 2));
        assertThat(ErrorRow.of(new IllegalStateException("bug"), "unexpected error: bug"))
                .isEqualTo(new ErrorRow(ErrorRow.UNEXPECTED, "unexpected error: bug", 1));
    }

    @Test
    void aReleaseRecordAsARow() {
        assertThat(ReleaseRow.of(new ReleaseRecord(1, Version.parse("2.0.1"), Optional.empty(), "node-1", T0)))
                .isEqualTo(new ReleaseRow("2.0.1", null, "node-1", "2026-01-01T10:00:00Z"));
    }

    @Test
    void aFenceSaysWhoWasOrWouldBeFencedAndWhatNext() {
        NodeRecord old = new NodeRecord("web-1", "h1", Version.parse("1.0"), NodeState.READY, 0, T0, T0,
                Duration.ofSeconds(20), false, true);
        FixedRegistry registry = new FixedRegistry(List.of(old), new ArrayDeque<>(List.of(T0.plusSeconds(2),
                T0.plusSeconds(2))));
        Fence.Plan plan = new Fence.Plan(Version.parse("1.1"), List.of(old), List.of());
        assertThat(FenceReport.of(plan, true, null, registry).describe()).isEqualTo("""
                Would fence 1 node running a software version below 1.1 (dry run, nothing changed):
                  NODE   HOST  VERSION  STATE  HEARTBEAT
                  web-1  h1    1.0      READY  2.0 s ago (GONE)
                """);
        assertThat(FenceReport.of(plan, false, 3, registry).describe()).startsWith("Fenced 1 node running a")
                .contains("replace it with a node of version 1.1 or later.\n")
                .endsWith("Terminated 3 database sessions of the fenced nodes.\n");
        Fence.Plan none = new Fence.Plan(Version.parse("1.1"), List.of(), List.of());
        assertThat(FenceReport.of(none, true, null, registry).describe())
                .isEqualTo("No node runs a software version below 1.1; nothing would be fenced.\n");
        assertThat(FenceReport.of(none, false, 0, registry).describe())
                .isEqualTo("No node runs a software version below 1.1; nothing fenced and no sessions terminated.\n");
    }

    @Test
    void maintenanceStatusReadsTheWindowAndWhoHoldsTheDrainUp() {
        NodeRecord busy = new NodeRecord("web-1", "h1", Version.parse("1.0"), NodeState.READY, 2, T0,
                T0.plusSeconds(5), Duration.ofSeconds(20), false, false);
        MaintenanceWindow window = new MaintenanceWindow("cut-over", "alice", T0);
        FixedRegistry registry = new FixedRegistry(List.of(busy), new ArrayDeque<>(List.of(T0.plusSeconds(6))));
        assertThat(MaintenanceReport.read(new OneWindow(null), registry))
                .isEqualTo(new MaintenanceReport(false, null, null, List.of()));
        assertThat(MaintenanceReport.read(new OneWindow(null), registry).describe())
                .isEqualTo("Maintenance window: closed; the nodes take new work.\n");
        MaintenanceReport open = MaintenanceReport.read(new OneWindow(window), registry);
        assertThat(open.drained()).isFalse();
        assertThat(open.busy()).extracting(NodeRow::nodeId).containsExactly("web-1");
        assertThat(open.describe()).isEqualTo("""
                Maintenance window  open since 2026-01-01T10:00:00Z (6.0 s)
                Opened by           alice
                Reason              cut-over
                Drained             no: web-1 (2 in flight)
                Nodes hold new work until 'upsilon maintenance exit'.
                """);
        MaintenanceWindow moved = new MaintenanceWindow(MaintenanceWindow.MOVED, "bob", T0, "https://b.example");
        assertThat(MaintenanceReport.read(new OneWindow(moved), new FixedRegistry(List.of(),
                new ArrayDeque<>(List.of(T0)))).describe()).contains("Reason ")
                .endsWith("\nThis cluster is retired: " + moved.movedTo() + "; its nodes refuse new work until"
                        + " 'upsilon maintenance exit --yes'.\n");
    }

    @Test
    void enteringSaysWhetherThisCallOpenedTheWindow() {
        MaintenanceWindow mine = new MaintenanceWindow("cut-over", "alice", T0);
        MaintenanceEntry opened = MaintenanceEntry.of(Optional.empty(), mine, "cut-over", "alice", T0);
        assertThat(opened.opened()).isTrue();
        assertThat(opened.summary()).isEqualTo("Opened the maintenance window (since 2026-01-01T10:00:00Z, by alice:"
                + " cut-over).");
        assertThat(opened.describe()).isEqualTo(opened.summary() + "\nNodes hold new work until 'upsilon maintenance"
                + " exit'.\n");
        MaintenanceWindow theirs = new MaintenanceWindow("backup", "bob", T0);
        MaintenanceEntry already = MaintenanceEntry.of(Optional.of(theirs), theirs, "cut-over", "alice",
                T0.plusSeconds(60));
        assertThat(already.opened()).isFalse();
        assertThat(already.summary()).isEqualTo("A maintenance window is already open (since 2026-01-01T10:00:00Z"
                + " (60.0 s), by bob: backup); left as it is.");
    }

    @Test
    void enteringWithADrainOpensTheWindowAndNamesTheNodesThatHoldItUp() throws InterruptedException {
        NodeRecord busy = new NodeRecord("web-1", "h1", Version.parse("1.0"), NodeState.READY, 2, T0,
                T0.plusSeconds(5), Duration.ofSeconds(20), false, false);
        FixedRegistry registry = new FixedRegistry(List.of(busy), new ArrayDeque<>(List.of(T0, T0.plusSeconds(6))));
        List<String> heard = new ArrayList<>();
        MaintenanceDrainReport timedOut = MaintenanceDrainReport.enter(new EnterableWindow(), registry, "cut-over",
                "alice", Duration.ZERO, Duration.ofMillis(1), Duration.ofSeconds(1), heard::add);
        assertThat(heard).containsExactly("Opened the maintenance window (since 2026-01-01T10:00:00Z, by alice:"
                + " cut-over).", "Draining: waiting up to 0 s for every live node to report zero in-flight work...");
        assertThat(timedOut.view().opened()).isTrue();
        assertThat(timedOut.view().drained()).isFalse();
        assertThat(timedOut.view().busy()).extracting(NodeRow::nodeId).containsExactly("web-1");
        assertThat(timedOut.error()).get().extracting(ErrorRow::code, ErrorRow::exitCode)
                .containsExactly("DRAIN_TIMEOUT", ErrorCode.DRAIN_TIMEOUT.exitCode());
        assertThat(timedOut.error().orElseThrow().message()).startsWith("not drained within 0 s: 1 node still busy"
                + " (web-1 (2 in flight)); the maintenance window stays open");
        assertThat(timedOut.describe()).startsWith("Not drained after ").contains("; still busy:\n  NODE ",
                "\n  web-1  h1    1.0      READY  2          1.0 s ago  -\n").endsWith("The maintenance window stays"
                + " open; close it with 'upsilon maintenance exit'.\n");

        FixedRegistry empty = new FixedRegistry(List.of(), new ArrayDeque<>(List.of(T0)));
        MaintenanceDrainReport drained = MaintenanceDrainReport.enter(new EnterableWindow(), empty, "cut-over",
                "alice", Duration.ofSeconds(5), Duration.ofMillis(1), Duration.ofSeconds(1), line -> { });
        assertThat(drained.error()).isEmpty();
        assertThat(drained.view().error()).isNull();
        assertThat(drained.describe()).isEqualTo("Drained: no live node is registered, so no work is in flight.\n");
    }

    @Test
    void exitingClosesTheWindowAndSaysHowLongItWasOpen() {
        FixedRegistry registry = new FixedRegistry(List.of(), new ArrayDeque<>(List.of(T0.plusSeconds(720))));
        ClosableWindow store = new ClosableWindow();
        store.window = new MaintenanceWindow("cut-over", "alice", T0);
        MaintenanceExit closed = MaintenanceExit.close(store, registry, false);
        assertThat(closed.closed()).isTrue();
        assertThat(closed.summary()).isEqualTo("Maintenance window closed (it was open since 2026-01-01T10:00:00Z"
                + " (12 min), by alice: cut-over); the nodes take new work again.");
        MaintenanceExit none = MaintenanceExit.close(store, registry, false);
        assertThat(none).isEqualTo(new MaintenanceExit(false, null));
        assertThat(none.summary()).isEqualTo("No maintenance window was open; nothing to close.");
    }

    /** A maintenance store whose one window closes on exit. */
    private static final class ClosableWindow implements MaintenanceStore {
        MaintenanceWindow window;

        @Override public Optional<MaintenanceWindow> current() { return Optional.ofNullable(window); }
        @Override public MaintenanceWindow enter(String reason, String who) {
            throw new UnsupportedOperationException();
        }
        @Override public boolean exit() {
            boolean had = window != null;
            window = null;
            return had;
        }
    }

    /** A maintenance store whose window opens on the first enter. */
    private static final class EnterableWindow implements MaintenanceStore {
        MaintenanceWindow window;

        @Override public Optional<MaintenanceWindow> current() { return Optional.ofNullable(window); }
        @Override public MaintenanceWindow enter(String reason, String who) {
            if (window == null) {
                window = new MaintenanceWindow(reason, who, T0);
            }
            return window;
        }
        @Override public boolean exit() { throw new UnsupportedOperationException(); }
    }

    /** A maintenance store holding one window, or none; reads only. */
    private record OneWindow(MaintenanceWindow window) implements MaintenanceStore {
        @Override public Optional<MaintenanceWindow> current() { return Optional.ofNullable(window); }
        @Override public MaintenanceWindow enter(String reason, String who) {
            throw new UnsupportedOperationException();
        }
        @Override public boolean exit() { throw new UnsupportedOperationException(); }
    }

    /** A node registry of fixed nodes whose clock answers from {@code clock}, one reading each; reads only. */
    private record FixedRegistry(List<NodeRecord> nodes, Deque<Instant> clock) implements NodeRegistry {
        @Override public Instant now() { return clock.pop(); }
        @Override public void register(String nodeId, String host, Version v, NodeState state, Duration ttl) {
            throw new UnsupportedOperationException();
        }
        @Override public boolean heartbeat(String nodeId, NodeState state, int inFlight) {
            throw new UnsupportedOperationException();
        }
        @Override public List<NodeRecord> fenceBelow(Version version) { throw new UnsupportedOperationException(); }
        @Override public int terminateSessions(Collection<String> nodeIds) {
            throw new UnsupportedOperationException();
        }
        @Override public void deregister(String nodeId) { throw new UnsupportedOperationException(); }
    }
}
