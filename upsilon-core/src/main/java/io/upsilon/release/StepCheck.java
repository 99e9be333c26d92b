package io.upsilon.release;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Whether one step from release {@code from} to release {@code to} is safe: see {@link StepRule}. Works the same
 * for an upgrade step and a rollback step (pass the release running now as {@code from}).
 *
 * @param from       the release whose nodes run before the step
 * @param to         the release whose nodes run after it
 * @param violations the rules the step breaks, in {@link StepRule} order; empty when it is safe
 */
public record StepCheck(Release from, Release to, List<StepViolation> violations) {

    public StepCheck {
        violations = List.copyOf(violations);
    }

    /** Checks the step from {@code from} to {@code to} against every rule. */
    public static StepCheck of(Release from, Release to) {
        List<StepViolation> broken = new ArrayList<>(3);
        if (!sharesApi(from, to)) {
            broken.add(new StepViolation(StepRule.SHARED_API, "release " + to.version() + " serves "
                    + to.apiVersions() + " and release " + from.version() + " serves " + from.apiVersions()
                    + ": no API version in common, so every client breaks at the step"));
        }
        if (!from.runsOn(to.dataVersion())) {
            broken.add(new StepViolation(StepRule.OLD_CODE_ON_NEW_DATA, "release " + from.version() + " runs on "
                    + from.runsOn() + " but not on data version " + to.dataVersion() + " of release "
                    + to.version() + ", so its nodes fail once the data version changes"));
        }
        if (!to.runsOn(from.dataVersion())) {
            broken.add(new StepViolation(StepRule.NEW_CODE_ON_OLD_DATA, "release " + to.version() + " runs on "
                    + to.runsOn() + " but not on data version " + from.dataVersion() + " of release "
                    + from.version() + ", so its nodes cannot start before the data version changes"));
        }
        return new StepCheck(from, to, broken);
    }

    /**
     * The rules the step breaks, without building the reasons: what a planner calls for each of the many steps it
     * considers. Same answer as {@link #of}{@code (from, to).violations()}.
     */
    public static Set<StepRule> brokenRules(Release from, Release to) {
        Set<StepRule> broken = EnumSet.noneOf(StepRule.class);
        if (!sharesApi(from, to)) {
            broken.add(StepRule.SHARED_API);
        }
        if (!from.runsOn(to.dataVersion())) {
            broken.add(StepRule.OLD_CODE_ON_NEW_DATA);
        }
        if (!to.runsOn(from.dataVersion())) {
            broken.add(StepRule.NEW_CODE_ON_OLD_DATA);
        }
        return broken;
    }

    private static boolean sharesApi(Release from, Release to) {
        for (String api : from.apiVersions()) {
            if (to.serves(api)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the step breaks no rule. */
    public boolean safe() {
        return violations.isEmpty();
    }

    /** Whether every rule the step breaks is one of {@code allowed}. */
    public boolean safeAllowing(Set<StepRule> allowed) {
        return violations.stream().allMatch(v -> allowed.contains(v.rule()));
    }

    /** Whether the step breaks {@code rule}. */
    public boolean breaks(StepRule rule) {
        return violations.stream().anyMatch(v -> v.rule() == rule);
    }

    /** {@code 1.0.0 -> 2.0.0: SHARED_API: ...; NEW_CODE_ON_OLD_DATA: ...}, or {@code ... : safe}. */
    @Override
    public String toString() {
        return from.version() + " -> " + to.version() + ": " + (safe() ? "safe"
                : String.join("; ", violations.stream().map(StepViolation::toString).toList()));
    }
}
