package io.upsilon.report;

import io.upsilon.UpsilonStatus;
import io.upsilon.ValidationIssue;
import io.upsilon.Version;
import java.util.List;

/**
 * Where a store stands against a target ({@link UpsilonStatus}) as reports show it ({@code upsilon status --json}).
 *
 * @param dataVersion     the data version; null on a fresh store
 * @param softwareVersion the target compared against
 * @param state           {@code UP_TO_DATE}, {@code PENDING} or {@code AHEAD}
 * @param pending         the steps an upgrade to the target would run, in order
 * @param lock            the cluster lock; null when it was never taken
 * @param checksumDrift   the applied scripts edited since they ran
 * @param issues          what validation finds (an upgrade refuses on an error)
 * @param manifest        where the manifest came from
 * @param database        the database, without its password
 */
public record StatusReport(String dataVersion, String softwareVersion, String state, List<StepRow> pending,
                           LockRow lock, List<TaskRef> checksumDrift, List<ValidationIssue> issues, String manifest,
                           String database) {

    /**
     * A task of a version, as the manifest names it.
     *
     * @param version the manifest version the task belongs to
     * @param task    the task as written in the manifest
     */
    public record TaskRef(String version, String task) {
    }

    public StatusReport {
        pending = List.copyOf(pending);
        checksumDrift = List.copyOf(checksumDrift);
        issues = List.copyOf(issues);
    }

    /** The report of {@code status}, read from the manifest {@code manifest} on the database {@code database}. */
    public static StatusReport of(UpsilonStatus status, String manifest, String database) {
        return new StatusReport(status.dataVersion().map(Version::toString).orElse(null),
                status.target().toString(), status.state().name(), status.pending().stream().map(StepRow::of).toList(),
                LockRow.of(status.lock()), status.checksumDrift().stream()
                        .map(i -> new TaskRef(i.version().toString(), i.task())).toList(), status.issues(), manifest,
                database);
    }

    /**
     * The report for a person ({@code upsilon status}): the database, manifest, versions, state (with what to run
     * next) and lock ({@link LockRow#describeWithAdvice()}) as a two-column table, then the pending tasks and the
     * validation issues when there are any; every line ends with a line break.
     */
    public String describe() {
        StringBuilder text = new StringBuilder(new TextTable("", "")
                .row("Database", database)
                .row("Manifest", manifest)
                .row("Data version", dataVersion == null ? "none" : dataVersion)
                .row("Software version", softwareVersion)
                .row("State", describeState())
                .row("Lock", lock == null ? "never taken" : lock.describeWithAdvice())
                .text(""));
        if (!pending.isEmpty()) {
            text.append("\nPending tasks:\n").append(StepRow.table(pending).text("  "));
        }
        if (!issues.isEmpty()) {
            text.append("\nThe manifest does not match the history ('upsilon validate' for CI; an upgrade refuses on"
                    + " an ERROR):\n");
            issues.forEach(i -> text.append("  ").append(i.isError() ? "ERROR   " : "warning ").append(i.message())
                    .append('\n'));
        }
        return text.toString();
    }

    private String describeState() {
        return switch (UpsilonStatus.State.valueOf(state)) {
            case AHEAD -> "the data version " + dataVersion + " is ahead of " + softwareVersion + "; 'upsilon upgrade"
                    + " --to " + softwareVersion + "' rolls back if every task has a rollback";
            case PENDING -> ReportText.plural(pending.size(), "task") + " pending; 'upsilon plan' shows them in order,"
                    + " 'upsilon upgrade' runs them";
            case UP_TO_DATE -> "up to date";
        };
    }
}
