package io.upsilon.release;

import io.upsilon.ErrorCode;
import io.upsilon.MaintenanceDrain;
import io.upsilon.UpgradeResult;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.report.ReportText;
import io.upsilon.spi.NodeRecord;
import io.upsilon.spi.NodeRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rolls a cluster back along a planned chain ({@code upsilon rollback --to RELEASE}, "helm rollback"): per step,
 * newest first,
 * <ol>
 *   <li>the nodes of the step's release are replaced by nodes of the earlier release, one at a time (the
 *       {@link Nodes} callback: an orchestrator, the demo, or an operator the CLI waits for);</li>
 *   <li>then the data is rolled back to the earlier release's data version: the step's tasks' rollbacks, newest
 *       first, under the cluster lock ({@link Upsilon#migrateTo(Version, Version)});</li>
 *   <li>the earlier release is appended to the release history, so the next plan starts from it.</li>
 * </ol>
 * Nodes go first because a node that still runs the later release would find the data below its own target, fall
 * back to waiting and upgrade it again; the earlier release runs on both data versions (the step's rules).
 */
public final class ReleaseRollback {

    private final ReleasePlanner planner;
    private final Upsilon upsilon;

    /**
     * @param planner the release descriptors
     * @param upsilon the engine on the cluster's store, with the manifest whose tasks the steps undo
     */
    public ReleaseRollback(ReleasePlanner planner, Upsilon upsilon) {
        this.planner = planner;
        this.upsilon = upsilon;
    }

    /**
     * The chain back from the current release (the last of the store's release history) to {@code target}; changes
     * nothing.
     *
     * @throws UpsilonException {@link ErrorCode#NO_SAFE_CHAIN} naming the step and the task without a rollback, or
     *                          the missing step; {@link ErrorCode#BAD_INPUT} for an empty history or a later target
     */
    public PlannedChain plan(Version target) {
        return planner.planRollback(upsilon.config().store(), target, upsilon.config().manifest()).chain();
    }

    /** The order in which one step replaces nodes and undoes data, as a sentence for plans and logs. */
    public static String order(ChainStep step) {
        String nodes = "replace each node of " + step.from().version() + " by a node of " + step.to().version()
                + " (start it, wait for READY, drain and stop the old one)";
        if (!step.changesData()) {
            return nodes + "; no data change";
        }
        return nodes + "; then roll the data back " + step.dataBefore() + " -> " + step.dataAfter() + ": "
                + String.join(", ", step.rollsBack());
    }

    /**
     * A rollback chain in words, for an operator to read before it runs: {@code Roll back 2.0.1 -> 1.0.0 in 3 steps
     * (releases.yaml):} and per step its number, releases, {@link #order} and what clients must do; or
     * {@code Nothing to do: ...} for an empty chain. Every line ends with a newline.
     */
    public static String describe(PlannedChain chain) {
        if (chain.isEmpty()) {
            return "Nothing to do: " + chain.from().version() + " is already the current release.\n";
        }
        StringBuilder out = new StringBuilder("Roll back " + chain.from().version() + " -> " + chain.to().version()
                + " in " + ReportText.plural(chain.steps().size(), "step") + " (" + chain.source() + "):\n");
        for (ChainStep s : chain.steps()) {
            out.append("  ").append(s.number()).append(". ").append(s.from().version()).append(" -> ")
                    .append(s.to().version()).append(": ").append(order(s)).append("; clients: ")
                    .append(s.clientAction()).append('\n');
        }
        return out.toString();
    }

    /** A rollback done, in words: {@code Rolled back to release 1.0.0 (data version 1.0.0) in 3 steps.} */
    public static String summary(PlannedChain chain, List<StepResult> done) {
        return "Rolled back to release " + chain.to().version() + " (data version " + chain.to().dataVersion()
                + ") in " + ReportText.plural(done.size(), "step") + ".";
    }

    /**
     * Runs {@code chain}, a rollback chain from {@link #plan}.
     *
     * @throws UpsilonException from the data rollback (e.g. {@link ErrorCode#TASK_FAILED}: that step's data stays
     *                          where it was, the steps before it are done and recorded)
     */
    public List<StepResult> run(PlannedChain chain, Nodes nodes) throws InterruptedException {
        return run(chain, nodes, done -> { });
    }

    /** {@link #run(PlannedChain, Nodes)}, telling {@code afterStep} as each step completes (data and history). */
    public List<StepResult> run(PlannedChain chain, Nodes nodes, java.util.function.Consumer<StepResult> afterStep)
            throws InterruptedException {
        if (chain.direction() != PlannedChain.Direction.ROLLBACK) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "not a rollback chain; plan it with plan(target)");
        }
        List<StepResult> done = new ArrayList<>();
        for (ChainStep step : chain.steps()) {
            nodes.replace(step);
            Optional<UpgradeResult> data = Optional.empty();
            if (step.changesData()) {
                data = Optional.of(upsilon.migrateTo(step.dataAfter(), step.to().version()));
            }
            if (data.isEmpty() || data.get().outcome() != UpgradeResult.Outcome.DOWNGRADED) {
                // no data change: the engine recorded nothing, so the release is recorded here
                upsilon.config().store().recordRelease(step.to().version(), upsilon.dataVersion(),
                        upsilon.config().nodeId());
            }
            StepResult result = new StepResult(step, data);
            done.add(result);
            afterStep.accept(result);
        }
        return done;
    }

    /**
     * Waits until no live node (not gone, not fenced) runs software whose data version is above {@code data}: what
     * the CLI does while an operator or orchestrator replaces the nodes of a step.
     *
     * @return the nodes still above it; empty when none is left
     */
    public List<NodeRecord> awaitNodesAtMost(NodeRegistry registry, Version data, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<NodeRecord> above = registry.nodes().stream()
                    .filter(MaintenanceDrain::live)
                    .filter(n -> upsilon.config().manifest().floor(n.softwareVersion())
                            .map(v -> v.isAfter(data)).orElse(false))
                    .toList();
            if (above.isEmpty() || System.nanoTime() > deadline) {
                return above;
            }
            Thread.sleep(250);
        }
    }

    /**
     * The {@link Nodes} of an operator or orchestrator who replaces the nodes outside this process: per step,
     * {@code announce} hears the step (to say which nodes to replace), then it waits up to {@code timeout} until no
     * live node runs software above the step's data version ({@link #awaitNodesAtMost}).
     *
     * <p>{@link #run} then throws {@link ErrorCode#NOT_READY} for a step whose nodes were not replaced in time,
     * naming them, before that step's data is touched; the steps before it are done and recorded.
     */
    public Nodes awaitingReplacement(NodeRegistry registry, Duration timeout,
                                     java.util.function.Consumer<ChainStep> announce) {
        return step -> {
            announce.accept(step);
            List<NodeRecord> left = awaitNodesAtMost(registry, step.dataAfter(), timeout);
            if (!left.isEmpty()) {
                throw new UpsilonException(ErrorCode.NOT_READY, "step " + step.number() + " (" + step.from().version()
                        + " -> " + step.to().version() + "): " + left.size() + (left.size() == 1 ? " node " : " nodes ")
                        + left.stream().map(NodeRecord::nodeId).toList() + " still run a data version above "
                        + step.dataAfter() + " after " + seconds(timeout) + "; replace them with release "
                        + step.to().version() + " and run the rollback again (the steps before are done and"
                        + " recorded)");
            }
        };
    }

    private static String seconds(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }

    /** Replaces the nodes of one step; returns once no node of {@code step.from()} serves any more. */
    @FunctionalInterface
    public interface Nodes {
        void replace(ChainStep step) throws InterruptedException;
    }

    /**
     * One step done.
     *
     * @param step the step
     * @param data the data rollback's result; empty for a step that changes no data
     */
    public record StepResult(ChainStep step, Optional<UpgradeResult> data) {

        /** How many tasks the step's data rollback undid; 0 for a step that changes no data. */
        public int tasksRolledBack() {
            return data.map(d -> d.tasks().size()).orElse(0);
        }
    }
}
