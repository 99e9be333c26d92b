package io.upsilon.cli;

import picocli.CommandLine.Option;

/** {@code --node-id}, for the commands that act as a node: they hold the lock or write the history or node table. */
final class NodeOption implements OptionGroup {

    @Option(names = "--node-id", paramLabel = "ID", description = "This node's id in the lock and the history, and"
            + " for serve in the node table and its sessions' application_name (default: host-pid-random).")
    String nodeId;

    @Override
    public void applyTo(CommonOptions options) {
        options.nodeId = nodeId;
    }
}
