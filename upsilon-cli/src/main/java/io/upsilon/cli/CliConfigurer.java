package io.upsilon.cli;

import picocli.CommandLine;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Installs the CLI's error handling when picocli builds the root command. Done here rather than in {@code main}
 * so that {@code new CommandLine(new Main())} (as tests and embedders write it) behaves exactly like the shipped
 * command: same one-line errors, same exit codes.
 */
final class CliConfigurer implements IModelTransformer {

    @Override
    public CommandSpec transform(CommandSpec spec) {
        ErrorHandler handler = new ErrorHandler();
        CommandLine commandLine = spec.commandLine();
        commandLine.setExecutionExceptionHandler(handler);
        commandLine.setParameterExceptionHandler(handler);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setUsageHelpAutoWidth(true);
        return spec;
    }
}
