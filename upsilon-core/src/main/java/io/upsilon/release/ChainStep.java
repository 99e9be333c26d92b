package io.upsilon.release;

import io.upsilon.Version;
import java.util.List;

/**
 * One step of a {@link PlannedChain}: roll the nodes from release {@code from} to release {@code to} while the data
 * version moves from {@code dataBefore} to {@code dataAfter}.
 *
 * @param number     the step's position in the chain, from 1
 * @param from       the release running before the step
 * @param to         the release running after it
 * @param apiAdded   API versions {@code to} serves that {@code from} does not, in {@code to}'s order
 * @param apiDropped API versions {@code from} serves that {@code to} does not, in {@code from}'s order
 * @param dataBefore the data version before the step ({@code from}'s)
 * @param dataAfter  the data version after it ({@code to}'s)
 * @param allowed    the rules the step breaks that the plan was allowed to break ({@code --allow-breaking-api});
 *                   empty for a safe step
 * @param rollsBack  for a rollback step, the manifest tasks it undoes, newest first; empty for an upgrade step
 */
public record ChainStep(int number, Release from, Release to, List<String> apiAdded, List<String> apiDropped,
                        Version dataBefore, Version dataAfter, List<StepViolation> allowed, List<String> rollsBack) {

    public ChainStep {
        apiAdded = List.copyOf(apiAdded);
        apiDropped = List.copyOf(apiDropped);
        allowed = List.copyOf(allowed);
        rollsBack = List.copyOf(rollsBack);
    }

    /** The step from {@code check.from()} to {@code check.to()}, carrying the rules it breaks as allowed ones. */
    static ChainStep of(int number, StepCheck check, List<String> rollsBack) {
        Release from = check.from();
        Release to = check.to();
        List<String> added = to.apiVersions().stream().filter(api -> !from.serves(api)).toList();
        List<String> dropped = from.apiVersions().stream().filter(api -> !to.serves(api)).toList();
        return new ChainStep(number, from, to, added, dropped, from.dataVersion(), to.dataVersion(),
                check.violations(), rollsBack);
    }

    /** Whether the step drops every API version clients use (allowed only with {@code --allow-breaking-api}). */
    public boolean breaking() {
        return allowed.stream().anyMatch(v -> v.rule() == StepRule.SHARED_API);
    }

    /** Whether the data version changes in this step. */
    public boolean changesData() {
        return !dataBefore.equals(dataAfter);
    }

    /**
     * What API clients must do for this step, in one phrase: {@code nothing}; {@code nothing; v2 becomes available};
     * {@code move off v1 (to v2) before this step}; or, for a breaking step, a sentence starting {@code BREAKING}.
     */
    public String clientAction() {
        if (breaking()) {
            return "BREAKING: " + join(apiDropped) + (apiDropped.size() == 1 ? " stops" : " stop")
                    + " working with no overlap; every client must switch to " + join(to.apiVersions())
                    + " at this step";
        }
        String available = apiAdded.isEmpty() ? null : join(apiAdded) + " becomes available";
        if (apiDropped.isEmpty()) {
            return available == null ? "nothing" : "nothing; " + available;
        }
        List<String> kept = from.apiVersions().stream().filter(to::serves).toList();
        String move = "move off " + join(apiDropped) + " (to " + join(kept) + ") before this step";
        return available == null ? move : move + "; " + available;
    }

    /**
     * For a {@linkplain #breaking() breaking} step, the warning to give before it runs: {@code step 2 (1.0.1 -> 2.0.0)
     * shares no API version: every client of v1 breaks at this step}.
     */
    public String breakingWarning() {
        return "step " + number + " (" + from.version() + " -> " + to.version() + ") shares no API version: every"
                + " client of " + join(apiDropped) + " breaks at this step";
    }

    private static String join(List<String> apis) {
        return String.join(", ", apis);
    }
}
