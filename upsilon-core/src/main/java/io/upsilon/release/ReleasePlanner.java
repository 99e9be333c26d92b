package io.upsilon.release;

import io.upsilon.ErrorCode;
import io.upsilon.Manifest;
import io.upsilon.TaskDefinition;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.release.PlannedChain.Direction;
import io.upsilon.spi.ReleaseRecord;
import io.upsilon.spi.VersionStore;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Plans chains of release steps over a {@link ReleaseSet}. Pure: reads nothing but its arguments; thread-safe.
 *
 * <p>An upgrade from release A to a later release B passes only through releases between them, in version order;
 * a rollback from the current release to an earlier one passes only through releases between them, newest first.
 * Among the chains whose every step is safe ({@link StepCheck}), the planner picks, in this order of preference:
 * the fewest breaking steps (only possible with {@code allowBreakingApi}), the fewest steps, for a rollback the
 * fewest releases the release history never recorded, and then the chain whose stops come earliest on the way
 * (for an upgrade: the smaller versions). The answer is deterministic.
 *
 * <p>Releases are a directed acyclic graph in version order, so the search is one dynamic-programming pass over the
 * candidate releases: {@code O(n^2)} step checks for {@code n} releases between the two ends.
 */
public final class ReleasePlanner {

    private final ReleaseSet releases;
    private final Set<StepRule> allowed;

    /** A planner that allows no rule to be broken. */
    public ReleasePlanner(ReleaseSet releases) {
        this(releases, false);
    }

    /**
     * @param allowBreakingApi whether a step may break {@link StepRule#SHARED_API} (drop every API version clients
     *                         use); such steps are used only when no chain without them exists, and are marked
     *                         {@link ChainStep#breaking()}
     */
    public ReleasePlanner(ReleaseSet releases, boolean allowBreakingApi) {
        this.releases = releases;
        this.allowed = allowBreakingApi ? EnumSet.of(StepRule.SHARED_API) : EnumSet.noneOf(StepRule.class);
    }

    public ReleaseSet releases() {
        return releases;
    }

    /**
     * Checks one direct step.
     *
     * @throws UpsilonException {@link ErrorCode#UNKNOWN_VERSION} if either release is not in the set
     */
    public StepCheck check(Version from, Version to) {
        return StepCheck.of(releases.get(from), releases.get(to));
    }

    /**
     * The chain of safe steps from release {@code from} to the later release {@code to}.
     *
     * @throws UpsilonException {@link ErrorCode#UNKNOWN_VERSION} for a release not in the set;
     *                          {@link ErrorCode#BAD_INPUT} when {@code to} is before {@code from};
     *                          {@link ErrorCode#NO_SAFE_CHAIN} naming the missing step and the rules it breaks
     */
    public PlannedChain plan(Version from, Version to) {
        Release start = releases.get(from);
        Release goal = releases.get(to);
        if (goal.version().isBefore(start.version())) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "release " + to + " is before " + from + ": a path goes"
                    + " to a later release; to go back, plan a rollback from the release history (--rollback)");
        }
        List<Release> candidates = releases.releases().stream()
                .filter(r -> !r.version().isBefore(from) && !r.version().isAfter(to)).toList();
        int[] chain = search(candidates, r -> false);
        if (chain == null) {
            throw noChain("upgrade", candidates);
        }
        List<ChainStep> steps = new ArrayList<>();
        for (int k = 1; k < chain.length; k++) {
            steps.add(ChainStep.of(k, StepCheck.of(candidates.get(chain[k - 1]), candidates.get(chain[k])),
                    List.of()));
        }
        return new PlannedChain(Direction.UPGRADE, releases.source(), start, goal, steps);
    }

    /**
     * Reads {@code store}'s release history and data version, then plans back from the current release (the last in
     * the history) to {@code target} as {@link #planRollback(List, Version, Manifest)} does. Reads only; changes
     * nothing in the store.
     *
     * @param store    the cluster's store, prepared or not (a fresh store has an empty history, which is refused)
     * @param target   the release to roll back to
     * @param manifest the manifest whose tasks the steps undo
     * @return the chain with the history and data version it was planned from; check
     *         {@link RollbackPlan#dataVersionAgrees()} before trusting it
     * @throws UpsilonException as {@link #planRollback(List, Version, Manifest)}, or from reading the store
     */
    public RollbackPlan planRollback(VersionStore store, Version target, Manifest manifest) {
        List<ReleaseRecord> history = store.releases();
        Optional<Version> dataVersion = store.dataVersion();
        PlannedChain chain = planRollback(history.stream().map(ReleaseRecord::softwareVersion).toList(), target,
                manifest);
        return new RollbackPlan(chain, history, dataVersion);
    }

    /**
     * The chain back from the current release (the last of {@code history}) to the earlier release {@code target}.
     * Each step is checked with the same rules as an upgrade step (they are symmetric), and must be able to undo
     * every manifest task of the data versions it leaves: those {@code v} with
     * {@code to.dataVersion < v <= from.dataVersion}. Every such task counts, applied or not, so the answer does not
     * depend on the task history.
     *
     * @param history  the releases applied, oldest first, as the store's release history records them; releases not
     *                 in the set are allowed except the last
     * @param target   the release to roll back to; need not be in the history (a history written before every
     *                 release was recorded lacks those that bring no data change)
     * @param manifest the manifest whose tasks the steps undo
     * @throws UpsilonException {@link ErrorCode#BAD_INPUT} for an empty history or a target after the current
     *                          release; {@link ErrorCode#UNKNOWN_VERSION} for a target or current release not in the
     *                          set; {@link ErrorCode#NO_SAFE_CHAIN} naming the missing step, or the step and the
     *                          task that has no rollback
     */
    public PlannedChain planRollback(List<Version> history, Version target, Manifest manifest) {
        if (history.isEmpty()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "the release history is empty, so there is no current"
                    + " release to roll back from; every completed upgrade records one");
        }
        Version last = history.get(history.size() - 1);
        Release current = releases.find(last).orElseThrow(() -> new UpsilonException(ErrorCode.UNKNOWN_VERSION,
                "release " + last + ", the current one (last in the release history), is not in " + releases.source()
                + "; add its descriptor"));
        Release goal = releases.get(target);
        if (goal.version().isAfter(current.version())) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "release " + target + " is after the current release "
                    + current.version() + ": a rollback goes back; plan the upgrade with --from " + current.version()
                    + " --to " + target);
        }
        List<Release> candidates = new ArrayList<>(releases.releases().stream()
                .filter(r -> !r.version().isBefore(target) && !r.version().isAfter(current.version())).toList());
        Collections.reverse(candidates);
        Set<Version> recorded = new HashSet<>(history);
        int[] chain = search(candidates, r -> !recorded.contains(r.version()));
        if (chain == null) {
            throw noChain("rollback", candidates);
        }
        List<ChainStep> steps = new ArrayList<>();
        for (int k = 1; k < chain.length; k++) {
            Release from = candidates.get(chain[k - 1]);
            Release to = candidates.get(chain[k]);
            List<String> undone = new ArrayList<>();
            List<Version> leaving = manifest.between(Optional.of(to.dataVersion()), from.dataVersion());
            for (int v = leaving.size() - 1; v >= 0; v--) {
                List<TaskDefinition> tasks = manifest.tasks(leaving.get(v));
                for (int t = tasks.size() - 1; t >= 0; t--) {
                    TaskDefinition task = tasks.get(t);
                    if (!task.newTask().canRollback()) {
                        throw new UpsilonException(ErrorCode.NO_SAFE_CHAIN, "cannot roll back " + from.version()
                                + " -> " + to.version() + " (step " + k + " of " + (chain.length - 1) + ", data "
                                + from.dataVersion() + " -> " + to.dataVersion() + "): task " + task.name()
                                + " of data version " + task.version() + " in " + manifest.source()
                                + " has no rollback; add a rollback to it, or roll forward with a new release");
                    }
                    undone.add(task.name());
                }
            }
            steps.add(ChainStep.of(k, StepCheck.of(from, to), undone));
        }
        return new PlannedChain(Direction.ROLLBACK, releases.source(), current, goal, steps);
    }

    /**
     * The indices of the preferred chain from {@code path[0]} to {@code path[n-1]} moving only forward in the list,
     * or null when there is none. {@code unrecorded} adds a penalty for stopping at a release.
     */
    private int[] search(List<Release> path, Predicate<Release> unrecorded) {
        int n = path.size();
        Cost[] best = new Cost[n];
        best[n - 1] = new Cost(0, 0, 0);
        for (int i = n - 2; i >= 0; i--) {
            for (int j = i + 1; j < n; j++) {
                Cost via = via(path, i, j, best[j], unrecorded);
                if (via != null && (best[i] == null || via.compareTo(best[i]) < 0)) {
                    best[i] = via;
                }
            }
        }
        if (best[0] == null) {
            return null;
        }
        int[] chain = new int[best[0].steps + 1];
        int i = 0;
        for (int k = 1; k < chain.length; k++) {
            for (int j = i + 1; j < n; j++) {
                Cost via = via(path, i, j, best[j], unrecorded);
                if (via != null && via.compareTo(best[i]) == 0) {
                    i = j;
                    break;
                }
            }
            chain[k] = i;
        }
        return chain;
    }

    /** The cost of going from {@code i} to the end through {@code j}, or null if the step is not allowed. */
    private Cost via(List<Release> path, int i, int j, Cost rest, Predicate<Release> unrecorded) {
        if (rest == null) {
            return null;
        }
        Set<StepRule> broken = StepCheck.brokenRules(path.get(i), path.get(j));
        if (!allowed.containsAll(broken)) {
            return null;
        }
        return new Cost(rest.breaking + (broken.isEmpty() ? 0 : 1), rest.steps + 1,
                rest.unrecorded + (j < path.size() - 1 && unrecorded.test(path.get(j)) ? 1 : 0));
    }

    /**
     * The error for a chain that does not exist: names the furthest release a safe chain reaches and the step from
     * it to the next release on the way, with the rules that step breaks.
     */
    private UpsilonException noChain(String what, List<Release> path) {
        int n = path.size();
        boolean[] reached = new boolean[n];
        reached[0] = true;
        int furthest = 0;
        for (int i = 0; i < n; i++) {
            if (!reached[i]) {
                continue;
            }
            furthest = i;
            for (int j = i + 1; j < n; j++) {
                if (!reached[j] && allowed.containsAll(StepCheck.brokenRules(path.get(i), path.get(j)))) {
                    reached[j] = true;
                }
            }
        }
        Release start = path.get(0);
        Release end = path.get(n - 1);
        StepCheck missing = StepCheck.of(path.get(furthest), path.get(furthest + 1));
        String reach = furthest == 0 ? "no safe step leaves " + start.version()
                : "safe steps reach as far as " + path.get(furthest).version();
        boolean onlyApi = missing.violations().stream().allMatch(v -> v.rule() == StepRule.SHARED_API);
        String remedy = onlyApi && !allowed.contains(StepRule.SHARED_API)
                ? "add a release that serves both API versions, or accept breaking every client with"
                        + " --allow-breaking-api"
                : "add an intermediate release that keeps these rules, or widen runsOn where the code allows it";
        return new UpsilonException(ErrorCode.NO_SAFE_CHAIN, "no safe " + what + " chain from " + start.version()
                + " to " + end.version() + " in " + releases.source() + ": " + reach + "; the missing step is "
                + missing.from().version() + " -> " + missing.to().version() + ", which breaks "
                + String.join("; ", missing.violations().stream().map(StepViolation::toString).toList())
                + "; " + remedy);
    }

    /** Compared field by field: breaking steps, then steps, then unrecorded stops. */
    private record Cost(int breaking, int steps, int unrecorded) implements Comparable<Cost> {
        @Override
        public int compareTo(Cost o) {
            int c = Integer.compare(breaking, o.breaking);
            if (c == 0) {
                c = Integer.compare(steps, o.steps);
            }
            return c != 0 ? c : Integer.compare(unrecorded, o.unrecorded);
        }
    }
}
