package io.upsilon.cli;

import picocli.CommandLine.Command;

/** {@code upsilon maintenance enter|exit|status}: the cluster-wide maintenance window. */
@Command(name = "maintenance", mixinStandardHelpOptions = true,
        description = {"Opens, closes or shows the cluster-wide maintenance window. While it is open, every node's"
                + " maintenance gate holds new work for a bounded time, then answers 503 with Retry-After; work"
                + " already under way finishes.",
                "'enter --drain' waits until every live node has reported zero in-flight work, e.g. before a"
                        + " final catch-up or a schema change that needs quiet."},
        subcommands = {MaintenanceEnterCommand.class, MaintenanceExitCommand.class, MaintenanceStatusCommand.class})
final class MaintenanceCommand extends GroupCommand {
}
