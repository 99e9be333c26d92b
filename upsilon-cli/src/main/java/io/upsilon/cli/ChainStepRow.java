package io.upsilon.cli;

import io.upsilon.release.ChainStep;
import io.upsilon.release.StepViolation;
import java.util.List;

/**
 * One step of a release chain as {@code upsilon path --json} prints it.
 *
 * @param clients   what API clients must do for the step
 * @param breaking  whether it drops every API version clients use (only with {@code --allow-breaking-api})
 * @param allowed   the rules it breaks that were allowed, as {@code RULE: reason}
 * @param rollsBack for a rollback step, the manifest tasks it undoes, newest first
 */
record ChainStepRow(int step, String from, String to, List<String> apiAdded, List<String> apiDropped,
                    String dataBefore, String dataAfter, String clients, boolean breaking, List<String> allowed,
                    List<String> rollsBack) {

    static ChainStepRow of(ChainStep s) {
        return new ChainStepRow(s.number(), s.from().version().toString(), s.to().version().toString(),
                s.apiAdded(), s.apiDropped(), s.dataBefore().toString(), s.dataAfter().toString(), s.clientAction(),
                s.breaking(), s.allowed().stream().map(StepViolation::toString).toList(), s.rollsBack());
    }
}
