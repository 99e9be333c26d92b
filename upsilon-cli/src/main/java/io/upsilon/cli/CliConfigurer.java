package io.upsilon.cli;

import io.upsilon.UpsilonNode;
import io.upsilon.report.ExitCodeTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import picocli.CommandLine;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Installs the CLI's error handling and the conventions every command shares when picocli builds the root command:
 * each command in the tree answers {@code -V} with the product version and lists the exit codes in its
 * {@code --help} ({@link ExitCodeTable}). Done here rather than in {@code main} so that
 * {@code new CommandLine(new Main())} (as tests and embedders write it) behaves exactly like the shipped command: same
 * one-line errors, same exit codes. The subcommands of {@link CliPlugin}s on the class path are added here too, first,
 * so that they get the same ones.
 */
final class CliConfigurer implements IModelTransformer {

    /** The widest line of the exit codes' list, so it does not wrap on an 80-column terminal. */
    private static final int WIDTH = 78;

    @Override
    public CommandSpec transform(CommandSpec spec) {
        CommandLine commandLine = spec.commandLine();
        addPlugins(spec);
        ErrorHandler handler = new ErrorHandler();
        commandLine.setExecutionExceptionHandler(handler);
        commandLine.setParameterExceptionHandler(handler);
        commandLine.setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setUsageHelpAutoWidth(true);
        conventions(spec, new CliVersion());
        return spec;
    }

    private static void conventions(CommandSpec spec, CliVersion version) {
        spec.versionProvider(version);
        List<String> footer = new ArrayList<>(List.of(spec.usageMessage().footer()));
        footer.addAll(List.of("", "Exit codes:"));
        footer.addAll(ExitCodeTable.lines(WIDTH, Map.of(UpsilonNode.FENCED_EXIT_STATUS, "serve --exit-on-fence: the"
                + " node was fenced; replace it", ExitCodeTable.SIGTERM, "stopped by SIGTERM (serve's normal end under"
                + " an orchestrator)")));
        spec.usageMessage().footer(footer.toArray(String[]::new));
        spec.subcommands().values().forEach(sub -> conventions(sub.getCommandSpec(), version));
    }

    /** Adds the plugins' commands before {@code help}, which stays the last command listed. */
    private static void addPlugins(CommandSpec spec) {
        CommandLine help = spec.removeSubcommand("help");
        for (CliPlugin plugin : ServiceLoader.load(CliPlugin.class, CliConfigurer.class.getClassLoader())) {
            for (Object command : plugin.commands()) {
                spec.commandLine().addSubcommand(command);
            }
        }
        spec.addSubcommand("help", help);
    }
}
