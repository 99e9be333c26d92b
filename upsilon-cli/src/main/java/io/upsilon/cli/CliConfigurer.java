package io.upsilon.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Installs the CLI's error handling and the conventions every command shares when picocli builds the root command:
 * each command in the tree answers {@code -V} with the product version and lists the exit codes in its
 * {@code --help} ({@link ExitCodes}). Done here rather than in {@code main} so that {@code new CommandLine(new Main())}
 * (as tests and embedders write it) behaves exactly like the shipped command: same one-line errors, same exit codes.
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
        raceOptions(spec);
        conventions(spec, new CliVersion());
        return spec;
    }

    private static void conventions(CommandSpec spec, CliVersion version) {
        spec.versionProvider(version);
        List<String> footer = new ArrayList<>(List.of(spec.usageMessage().footer()));
        footer.addAll(ExitCodes.section());
        spec.usageMessage().footer(footer.toArray(String[]::new));
        spec.subcommands().values().forEach(sub -> conventions(sub.getCommandSpec(), version));
    }

    /**
     * The option groups of {@code race}, whose class moves to the demo module (issue #14) and declares them there
     * with {@code @Mixin}; until then they are added here.
     */
    private static void raceOptions(CommandSpec root) {
        CommandLine race = root.subcommands().get("race");
        if (race != null && race.getCommandSpec().findOption("--url") == null) {
            for (OptionGroup group : List.of(new ConnectionOptions(), new TableOptions(), new LockOptions(),
                    new NodeOption())) {
                race.getCommandSpec().addMixin(group.getClass().getSimpleName(),
                        CommandSpec.forAnnotatedObject(group));
            }
        }
    }
}
