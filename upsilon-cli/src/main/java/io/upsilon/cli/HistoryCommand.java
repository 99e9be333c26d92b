package io.upsilon.cli;

import io.upsilon.report.TaskRow;
import java.io.PrintWriter;
import java.util.List;
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
            List<TaskRow> rows = session.store().history().stream().map(TaskRow::of).toList();
            String dataVersion = Json.text(session.store().dataVersion());
            if (options.json) {
                printJson(out, Json.object("dataVersion", dataVersion, "history", rows));
                return 0;
            }
            if (rows.isEmpty()) {
                out.println("No upgrade history yet in " + session.database().description() + ".");
                return 0;
            }
            TaskRow.table(rows).print(out, "  ");
            out.println("Data version: " + (dataVersion == null ? "none" : dataVersion));
            return 0;
        }
    }

}
