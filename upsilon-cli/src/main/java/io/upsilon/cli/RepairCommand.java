package io.upsilon.cli;

import io.upsilon.RepairResult;
import io.upsilon.report.TaskRow;
import java.io.PrintWriter;
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

    @Option(names = "--dry-run", description = "Show what would change; change nothing and take no lock.")
    boolean dryRun;

    @Override
    int run(PrintWriter out) {
        try (CliSession session = session(true)) {
            RepairResult result = session.upsilon().repair(dryRun);
            print(out, Json.object("dryRun", result.dryRun(), "checksums", result.checksums(), "removedRows",
                    result.removedRows().stream().map(TaskRow::of).toList()), () -> out.print(result.describe()));
            return 0;
        }
    }
}
