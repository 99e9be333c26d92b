package io.upsilon.report;

import io.upsilon.PlannedTask;
import java.util.List;

/**
 * One step of an upgrade plan as reports show it ({@code upsilon plan}, {@code status}, {@code validate}).
 *
 * @param version         the manifest version the task belongs to
 * @param task            the task as written in the manifest
 * @param kind            the task's kind, e.g. {@code SQL} or {@code JAVA}
 * @param action          RUN, RESUME or ROLLBACK
 * @param setsDataVersion the data version committed with this step; null when it leaves it unchanged
 */
public record StepRow(String version, String task, String kind, String action, String setsDataVersion) {

    /** The row of {@code step}. */
    public static StepRow of(PlannedTask step) {
        return new StepRow(step.definition().version().toString(), step.definition().name(),
                step.definition().kind().name(), step.action().name(),
                step.newDataVersion() == null ? null : step.newDataVersion().toString());
    }

    /** The steps as a table, one line per step: version, task, kind and action ({@code status}'s pending tasks). */
    public static TextTable table(List<StepRow> rows) {
        TextTable table = new TextTable("VERSION", "TASK", "KIND", "ACTION");
        rows.forEach(step -> table.row(step.version(), step.task(), step.kind(), step.action()));
        return table;
    }
}
