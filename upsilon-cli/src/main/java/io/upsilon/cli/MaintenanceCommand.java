package io.upsilon.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code upsilon maintenance enter|exit|status}: the cluster-wide maintenance window. */
@Command(name = "maintenance", mixinStandardHelpOptions = true,
        description = {"Opens, closes or shows the cluster-wide maintenance window. While it is open, every node's"
                + " maintenance gate holds new work for a bounded time, then answers 503 with Retry-After; work"
                + " already under way finishes.",
                "'enter --drain' waits until every live node has reported zero in-flight work, e.g. before a"
                        + " final catch-up or a schema change that needs quiet."},
        subcommands = {MaintenanceEnterCommand.class, MaintenanceExitCommand.class, MaintenanceStatusCommand.class})
final class MaintenanceCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing action: choose one of enter, exit, status");
    }
}
