package io.upsilon.cli;

import io.upsilon.NodeState;
import io.upsilon.report.NodeRow;
import io.upsilon.spi.NodeRecord;
import java.io.PrintWriter;
import java.util.List;
import java.util.stream.Collectors;
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
            List<NodeRecord> records = session.nodes().nodes();
            // the database's clock, not this host's: heartbeats and GONE are judged on it
            List<NodeRow> rows = records.isEmpty() ? List.of() : NodeRow.of(records, session.nodes().now());
            if (options.json) {
                printJson(out, Json.object("database", session.database().description(), "nodes", rows));
                return 0;
            }
            if (rows.isEmpty()) {
                out.println("No nodes registered in " + session.database().description() + ". Nodes register when"
                        + " they start ('upsilon serve', or a service embedding UpsilonNode).");
                return 0;
            }
            print(out, rows);
            out.println(summary(records));
            return 0;
        }
    }

    /** The full table, as {@code nodes} prints it; FLAGS is GONE and/or FENCED. */
    static void print(PrintWriter out, List<NodeRow> rows) {
        Table table = new Table("NODE", "HOST", "VERSION", "STATE", "IN-FLIGHT", "HEARTBEAT", "FLAGS");
        rows.forEach(r -> table.row(r.nodeId(), r.host(), r.softwareVersion(), r.state(), r.inFlight(),
                Text.age(r.heartbeatAgeMillis()) + " ago", flags(r)));
        table.print(out, "  ");
    }

    /** GONE and/or FENCED, or null for a live node nobody fenced. */
    private static String flags(NodeRow row) {
        String flags = (row.gone() ? "GONE " : "") + (row.fenced() ? "FENCED" : "");
        return flags.isBlank() ? null : flags.strip().replace(' ', ',');
    }

    /** "web-1 (3 in flight), web-2 (no heartbeat since the window opened)", for one-line messages. */
    static String busy(List<NodeRow> rows) {
        return rows.stream().map(r -> r.nodeId() + " (" + (r.inFlight() > 0 ? r.inFlight() + " in flight"
                : "no heartbeat since the window opened") + ")").collect(Collectors.joining(", "));
    }

    private static String summary(List<NodeRecord> nodes) {
        long ready = nodes.stream().filter(n -> !n.gone() && !n.fenced() && n.state() == NodeState.READY).count();
        long gone = nodes.stream().filter(NodeRecord::gone).count();
        long fenced = nodes.stream().filter(n -> n.fenced() || n.state() == NodeState.FENCED).count();
        return Text.plural(nodes.size(), "node") + ": " + ready + " ready, " + gone + " gone, " + fenced + " fenced.";
    }
}
