package io.upsilon.cli;

import io.upsilon.UpgradeCallback;
import io.upsilon.UpgradeResult;
import io.upsilon.report.UpgradeReport;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code upsilon upgrade}: moves the data version to the target under the cluster lock. */
@Command(name = "upgrade", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Brings the data version to the target (--to, default the manifest's latest) under the"
                + " cluster lock: runs every pending task in version order, or, for a target below the data"
                + " version, rolls back the tasks above it (refused unless every one has a rollback).",
                "A transactional task's work, history row and data-version bump commit together; a failure rolls"
                        + " the task back, keeps the data version, and exits with 1. If another node is upgrading,"
                        + " this one waits up to --lock-timeout (exit 3 when it runs out).",
                "It first validates the manifest against the history ('upsilon validate'): an applied script edited"
                        + " since it ran, or a task added to a version the data has passed, refuses with exit 2."})
final class UpgradeCommand extends BaseCommand {

    @Mixin ConnectionOptions connectionOptions;
    @Mixin TableOptions tableOptions;
    @Mixin ManifestOptions manifestOptions;
    @Mixin PlaceholderOption placeholderOption;
    @Mixin TargetOption targetOption;
    @Mixin LockOptions lockOptions;

    @Option(names = "--out-of-order", description = "Run tasks added to versions the data has already passed (first,"
            + " before any newer task) instead of refusing.")
    boolean outOfOrder;

    @Override
    int run(PrintWriter out) {
        try (CliSession session = session(true)) {
            if (outOfOrder) {
                session.allowOutOfOrder();
            }
            // text mode shows each task as it starts, so a long upgrade is visibly alive
            UpgradeCallback progress = UpgradeCallback.beforeEachTask(task -> progress(out, "-> " + task));
            UpgradeResult result = session.upsilon(progress).migrateTo(session.target());
            print(out, UpgradeReport.of(result, session.target(), session.nodeId()),
                    () -> out.print(result.describe()));
            return 0;
        }
    }
}
