package io.upsilon.report;

import io.upsilon.release.ChainStep;
import io.upsilon.release.StepViolation;
import java.util.List;

/**
 * One step of a release chain as reports show it ({@code upsilon path --json}, {@code rollback --json}).
 *
 * @param step       the step's position in the chain, from 1
 * @param from       the release running before the step
 * @param to         the release running after it
 * @param apiAdded   API versions {@code to} serves that {@code from} does not
 * @param apiDropped API versions {@code from} serves that {@code to} does not
 * @param dataBefore the data version before the step
 * @param dataAfter  the data version after it
 * @param clients    what API clients must do for the step ({@link ChainStep#clientAction()})
 * @param breaking   whether it drops every API version clients use (only when breaking steps were allowed)
 * @param allowed    the rules it breaks that were allowed, as {@code RULE: reason}
 * @param rollsBack  for a rollback step, the manifest tasks it undoes, newest first
 */
public record ChainStepRow(int step, String from, String to, List<String> apiAdded, List<String> apiDropped,
                           String dataBefore, String dataAfter, String clients, boolean breaking,
                           List<String> allowed, List<String> rollsBack) {

    /** The row of {@code s}. */
    public static ChainStepRow of(ChainStep s) {
        return new ChainStepRow(s.number(), s.from().version().toString(), s.to().version().toString(),
                s.apiAdded(), s.apiDropped(), s.dataBefore().toString(), s.dataAfter().toString(), s.clientAction(),
                s.breaking(), s.allowed().stream().map(StepViolation::toString).toList(), s.rollsBack());
    }
}
