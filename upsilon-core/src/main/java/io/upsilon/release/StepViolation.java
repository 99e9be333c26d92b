package io.upsilon.release;

/**
 * One rule a step breaks, and why.
 *
 * @param rule   the rule
 * @param reason one sentence naming the releases, versions and the consequence
 */
public record StepViolation(StepRule rule, String reason) {

    @Override
    public String toString() {
        return rule + ": " + reason;
    }
}
