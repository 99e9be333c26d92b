package io.upsilon.report;

import io.upsilon.spi.NodeRegistry;
import java.util.List;

/**
 * The node table of a database as reports show it ({@code upsilon nodes}, its {@code --json}).
 *
 * @param database where the node table is, e.g. {@code PostgreSQL at jdbc:postgresql://db:5432/app}
 * @param nodes    every registered node, as {@link NodeRow#of(List, NodeRegistry)} gives them
 */
public record NodesReport(String database, List<NodeRow> nodes) {

    public NodesReport {
        nodes = List.copyOf(nodes);
    }

    /** The report of {@code registry}, the heartbeats' ages taken on its clock (the database's). */
    public static NodesReport of(String database, NodeRegistry registry) {
        return new NodesReport(database, NodeRow.of(registry.nodes(), registry));
    }

    /**
     * The report for a person: the {@link NodeRow#table node table} indented by two blanks and its
     * {@link NodeRow#summary summary}, or a sentence saying that no node registered and when nodes do; every line ends
     * with a line break.
     */
    public String describe() {
        if (nodes.isEmpty()) {
            return "No nodes registered in " + database + ". Nodes register when they start ('upsilon serve', or a"
                    + " service embedding UpsilonNode).\n";
        }
        return NodeRow.table(nodes).text("  ") + NodeRow.summary(nodes) + "\n";
    }
}
