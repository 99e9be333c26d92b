package io.upsilon;

import io.upsilon.report.ReportText;
import io.upsilon.report.StepRow;
import io.upsilon.report.TextTable;
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

    /**
     * The result in words: {@code Data version 1.0, manifest M: valid, 2 tasks pending.}, then a table of the issues
     * (ERROR or warning, kind, version, task, what to do) and one of the pending tasks, each only when there are some.
     * Every line ends with a newline.
     *
     * @param manifest where the manifest came from, e.g. {@link Manifest#source()}
     */
    public String describe(String manifest) {
        StringBuilder out = new StringBuilder("Data version " + ReportText.version(dataVersion) + ", manifest "
                + manifest + ": " + (isValid() ? "valid" : "INVALID") + ", " + ReportText.plural(pending.size(), "task")
                + " pending.\n");
        if (!issues.isEmpty()) {
            TextTable table = new TextTable("", "KIND", "VERSION", "TASK", "WHAT TO DO");
            issues.forEach(i -> table.row(i.isError() ? "ERROR" : "warning", i.kind(), i.version(), i.task(),
                    i.message()));
            out.append(table.text("  "));
        }
        if (!pending.isEmpty()) {
            TextTable table = new TextTable("PENDING", "TASK", "ACTION");
            pending.stream().map(StepRow::of).forEach(p -> table.row(p.version(), p.task(), p.action()));
            out.append(table.text("  "));
        }
        return out.toString();
    }

    /**
     * Why an upgrade would refuse, in one line: {@code validation failed: } the first error's message, and how many
     * more there are; empty when valid.
     */
    public Optional<String> failure() {
        List<ValidationIssue> errors = errors();
        return errors.isEmpty() ? Optional.empty() : Optional.of("validation failed: " + errors.get(0).message()
                + (errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : ""));
    }
}
