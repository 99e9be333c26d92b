package io.upsilon.cli;

import io.upsilon.Upsilon;
import io.upsilon.Version;
import io.upsilon.spi.LockInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code upsilon status}: where the data is, where the software is, what is pending, who holds the lock. */
@Command(name = "status", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Shows the data version, the software version (the target: --to or the manifest's latest),"
                + " the tasks still pending and the cluster lock. Changes nothing.")
final class StatusCommand extends BaseCommand {

    @Mixin ConnectionOptions connectionOptions;
    @Mixin TableOptions tableOptions;
    @Mixin ManifestOptions manifestOptions;
    @Mixin PlaceholderOption placeholderOption;
    @Mixin TargetOption targetOption;

    @Override
    int run(PrintWriter out) {
        try (CliSession session = session(true)) {
            Upsilon upsilon = session.upsilon();
            Version target = session.target();
            Optional<Version> data = upsilon.dataVersion();
            boolean ahead = data.isPresent() && data.get().isAfter(target);
            // a data version ahead of the software is not something to plan for: this software cannot go there
            List<StepRow> pending = ahead ? List.of()
                    : upsilon.plan(target).steps().stream().map(StepRow::of).toList();
            String state = ahead ? "AHEAD" : pending.isEmpty() ? "UP_TO_DATE" : "PENDING";
            Optional<LockInfo> lock = session.lock().inspect();
            List<IssueRow> issues = upsilon.validate().issues().stream().map(IssueRow::of).toList();
            List<Map<String, Object>> drift = issues.stream().filter(i -> i.kind().equals("CHECKSUM_CHANGED"))
                    .map(i -> Json.object("version", i.version(), "task", i.task())).toList();
            if (options.json) {
                printJson(out, Json.object("dataVersion", Json.text(data), "softwareVersion", target.toString(),
                        "state", state, "pending", pending, "lock", LockRow.of(lock), "checksumDrift", drift,
                        "issues", issues,
                        "manifest", session.manifest().source(), "database", session.database().description()));
                return 0;
            }
            new Table("", "")
                    .row("Database", session.database().description())
                    .row("Manifest", session.manifest().source())
                    .row("Data version", Text.version(data))
                    .row("Software version", target)
                    .row("State", describe(state, pending.size(), data, target))
                    .row("Lock", lock.map(l -> LockRow.of(l).describe()).orElse("never taken"))
                    .print(out, "");
            if (!pending.isEmpty()) {
                out.println();
                out.println("Pending tasks:");
                Table table = new Table("VERSION", "TASK", "KIND", "ACTION");
                pending.forEach(step -> table.row(step.version(), step.task(), step.kind(), step.action()));
                table.print(out, "  ");
            }
            if (!issues.isEmpty()) {
                out.println();
                out.println("The manifest does not match the history ('upsilon validate' for CI; an upgrade refuses"
                        + " on an ERROR):");
                issues.forEach(i -> out.println("  " + (i.error() ? "ERROR   " : "warning ") + i.message()));
            }
            return 0;
        }
    }

    private static String describe(String state, int pending, Optional<Version> data, Version target) {
        return switch (state) {
            case "AHEAD" -> "the data version " + Text.version(data) + " is ahead of " + target
                    + "; 'upsilon upgrade --to " + target + "' rolls back if every task has a rollback";
            case "PENDING" -> Text.plural(pending, "task") + " pending; 'upsilon plan' shows them in order,"
                    + " 'upsilon upgrade' runs them";
            default -> "up to date";
        };
    }
}
