package io.upsilon;

import java.util.List;
import java.util.Optional;

/**
 * What {@link Upsilon#validate()} found.
 *
 * @param dataVersion the data version
 * @param issues      every disagreement between manifest and history; out-of-order tasks are issues only when
 *                    out-of-order is not allowed
 * @param pending     the tasks an upgrade to the software version would run now, in order (out-of-order tasks
 *                    first, when allowed)
 */
public record ValidationResult(Optional<Version> dataVersion, List<ValidationIssue> issues,
                               List<PlannedTask> pending) {

    public ValidationResult {
        issues = List.copyOf(issues);
        pending = List.copyOf(pending);
    }

    /** Whether an upgrade would go ahead: no issue is an error. */
    public boolean isValid() {
        return issues.stream().noneMatch(ValidationIssue::isError);
    }

    /** The issues that make an upgrade refuse. */
    public List<ValidationIssue> errors() {
        return issues.stream().filter(ValidationIssue::isError).toList();
    }
}
