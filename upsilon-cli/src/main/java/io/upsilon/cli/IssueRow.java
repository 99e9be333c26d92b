package io.upsilon.cli;

import io.upsilon.ValidationIssue;

/**
 * One validation issue as printed by {@code validate}, {@code repair} and {@code status}.
 *
 * @param error whether an upgrade refuses because of it
 */
record IssueRow(String kind, String version, String task, boolean error, String recordedChecksum,
                String currentChecksum, String message) {

    static IssueRow of(ValidationIssue issue) {
        return new IssueRow(issue.kind().name(), issue.version().toString(), issue.task(), issue.isError(),
                issue.recordedChecksum().orElse(null), issue.currentChecksum().orElse(null), issue.message());
    }
}
