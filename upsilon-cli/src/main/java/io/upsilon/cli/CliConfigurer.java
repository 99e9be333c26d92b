package io.upsilon.cli;

import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Installs the CLI's error handling when picocli builds the root command. Done here rather than in {@code main}
 * so that {@code new CommandLine(new Main())} (as tests and embedders write it) behaves exactly like the shipped
 * command: same one-line errors, same exit codes. The subcommands of {@link CliPlugin}s on the class path are added
 * here too, before the handlers, so that they get the same ones.
 */
final class CliConfigurer implements IModelTransformer {

    @Override
    public CommandSpec transform(CommandSpec spec) {
        CommandLine commandLine = spec.commandLine();
        addPlugins(spec);
        ErrorHandler handler = new ErrorHandler();
        commandLine.setExecutionExceptionHandler(handler);
        commandLine.setParameterExceptionHandler(handler);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setUsageHelpAutoWidth(true);
        return spec;
    }

    /** Adds the plugins' commands before {@code help}, which stays the last command listed. */
    private static void addPlugins(CommandSpec spec) {
        CommandLine help = spec.subcommands().get("help");
        boolean added = false;
        for (CliPlugin plugin : ServiceLoader.load(CliPlugin.class, CliConfigurer.class.getClassLoader())) {
            if (!added && help != null) {
                spec.removeSubcommand("help");
                added = true;
            }
            for (Object command : plugin.commands()) {
                spec.commandLine().addSubcommand(command);
            }
        }
        if (added) {
            spec.addSubcommand("help", help);
        }
    }
}
