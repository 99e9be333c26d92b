package io.upsilon.report;

import io.upsilon.ValidationIssue;
import io.upsilon.ValidationResult;
import io.upsilon.Version;
import java.util.List;

/**
 * What validation found ({@link ValidationResult}), as reports show it ({@code upsilon validate --json}).
 *
 * @param valid           whether an upgrade would go ahead (no issue is an error)
 * @param dataVersion     the data version; null on a fresh store
 * @param softwareVersion the version validated against
 * @param issues          every disagreement between manifest and history
 * @param pending         the tasks an upgrade would run now, in order
 */
public record ValidationReport(boolean valid, String dataVersion, String softwareVersion,
                               List<ValidationIssue> issues, List<StepRow> pending) {

    public ValidationReport {
        issues = List.copyOf(issues);
        pending = List.copyOf(pending);
    }

    /** The report of {@code result}, validated against {@code softwareVersion}. */
    public static ValidationReport of(ValidationResult result, Version softwareVersion) {
        return new ValidationReport(result.isValid(), result.dataVersion().map(Version::toString).orElse(null),
                softwareVersion.toString(), result.issues(), result.pending().stream().map(StepRow::of).toList());
    }
}
