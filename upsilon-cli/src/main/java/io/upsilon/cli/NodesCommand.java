package io.upsilon.cli;

import io.upsilon.report.NodesReport;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code upsilon nodes}: the node table, who runs which version in which state. */
@Command(name = "nodes", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Lists the node table: every node that registered (an 'upsilon serve' sidecar or a service"
                + " embedding UpsilonNode) with its host, software version, state, in-flight work and the age of its"
                + " last heartbeat. Changes nothing; needs no manifest.",
                "FLAGS shows GONE when a node's last heartbeat is older than its TTL (judged on database time) and"
                        + " FENCED when an operator fenced it with 'upsilon fence'."})
final class NodesCommand extends BaseCommand {

    @Mixin ConnectionOptions connectionOptions;
    @Mixin TableOptions tableOptions;

    @Override
    int run(PrintWriter out) {
        try (CliSession session = session(false)) {
            // the database's clock, not this host's: heartbeats and GONE are judged on it
            NodesReport report = NodesReport.of(session.database().description(), session.nodes());
            print(out, report, () -> out.print(report.describe()));
            return 0;
        }
    }
}
