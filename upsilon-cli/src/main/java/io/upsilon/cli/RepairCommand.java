package io.upsilon.cli;

import io.upsilon.RepairResult;
import io.upsilon.ValidationIssue;
import io.upsilon.report.TaskRow;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code upsilon repair}: makes the history agree with the manifest where the operator says it may. */
@Command(name = "repair", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"As Flyway's repair: records the current checksum of every applied SQL script edited since it"
                + " ran (after you checked that the edit changes nothing that ran, e.g. a comment), and deletes the"
                + " FAILED rows of non-transactional tasks (after you checked the database), so the next upgrade"
                + " runs them as pending. Under the cluster lock, in one transaction.",
                "Tasks added to versions the data has passed are not repaired: run them with"
                        + " 'upsilon upgrade --out-of-order' or move them to a new version."})
final class RepairCommand extends BaseCommand {

    @Mixin ConnectionOptions connectionOptions;
    @Mixin TableOptions tableOptions;
    @Mixin ManifestOptions manifestOptions;
    @Mixin PlaceholderOption placeholderOption;
    @Mixin LockOptions lockOptions;
    @Mixin NodeOption nodeOption;

    @Option(names = "--dry-run", description = "Show what would change; change nothing and take no lock.")
    boolean dryRun;

    @Override
    int run(PrintWriter out) {
        try (CliSession session = session(true)) {
            RepairResult result = session.upsilon().repair(dryRun);
            List<ValidationIssue> checksums = result.checksums();
            List<TaskRow> removed = result.removedRows().stream().map(TaskRow::of).toList();
            if (options.json) {
                printJson(out, Json.object("dryRun", result.dryRun(), "checksums", checksums, "removedRows", removed));
                return 0;
            }
            if (result.isEmpty()) {
                out.println("Nothing to repair: every applied script matches its checksum and no non-transactional"
                        + " task is left FAILED.");
                return 0;
            }
            String verb = dryRun ? "Would " : "";
            if (!checksums.isEmpty()) {
                out.println(verb + (dryRun ? "record" : "Recorded") + " the new checksum of "
                        + Text.plural(checksums.size(), "script") + ":");
                Table table = new Table("VERSION", "TASK", "RECORDED", "NOW");
                checksums.forEach(c -> table.row(c.version(), c.task(), c.recordedChecksum().orElse(null),
                        c.currentChecksum().orElse(null)));
                table.print(out, "  ");
            }
            if (!removed.isEmpty()) {
                out.println(verb + (dryRun ? "delete " : "Deleted ") + Text.plural(removed.size(), "FAILED row")
                        + " (the next upgrade runs these tasks again):");
                TaskRow.table(removed).print(out, "  ");
            }
            if (dryRun) {
                out.println("Dry run: nothing changed; run without --dry-run to repair.");
            }
            return 0;
        }
    }
}
