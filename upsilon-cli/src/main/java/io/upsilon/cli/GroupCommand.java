package io.upsilon.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * A command that only groups its subcommands ({@code tenant}, {@code migrate}, {@code maintenance}): called without
 * one, it is a usage error (exit 2) naming the subcommands, in the order the command declares them.
 */
abstract class GroupCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public final Integer call() {
        throw new ParameterException(spec.commandLine(), "missing action: choose one of "
                + String.join(", ", spec.subcommands().keySet()));
    }
}
