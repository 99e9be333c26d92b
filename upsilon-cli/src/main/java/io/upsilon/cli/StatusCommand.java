package io.upsilon.cli;

import io.upsilon.report.StatusReport;
import java.io.PrintWriter;
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
            StatusReport report = StatusReport.of(session.upsilon().status(session.target()),
                    session.manifest().source(), session.database().description());
            print(out, report, () -> out.print(report.describe()));
            return 0;
        }
    }
}
