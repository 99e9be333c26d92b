package io.upsilon.cli;

import io.upsilon.report.NodeRow;
import java.io.PrintWriter;
import java.util.List;
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
            List<NodeRow> rows = NodeRow.of(session.nodes().nodes(), session.nodes());
            if (options.json) {
                printJson(out, Json.object("database", session.database().description(), "nodes", rows));
                return 0;
            }
            if (rows.isEmpty()) {
                out.println("No nodes registered in " + session.database().description() + ". Nodes register when"
                        + " they start ('upsilon serve', or a service embedding UpsilonNode).");
                return 0;
            }
            NodeRow.table(rows).print(out, "  ");
            out.println(NodeRow.summary(rows));
            return 0;
        }
    }
}
