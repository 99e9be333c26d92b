package io.upsilon.cli;

import io.upsilon.report.HistoryReport;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code upsilon history}: every task run the store recorded, oldest first. */
@Command(name = "history", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = "Lists the upgrade history, oldest first: each task run with its version, status, node,"
                + " fencing token, start, duration and error. Needs no manifest.")
final class HistoryCommand extends BaseCommand {

    @Mixin ConnectionOptions connectionOptions;
    @Mixin TableOptions tableOptions;

    @Override
    int run(PrintWriter out) {
        try (CliSession session = session(false)) {
            HistoryReport report = HistoryReport.of(session.store());
            print(out, report, () -> out.print(report.describe(session.database().description())));
            return 0;
        }
    }
}
