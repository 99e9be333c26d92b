package io.upsilon.cli;

import java.util.List;

/**
 * More subcommands for the {@code upsilon} command, found on the class path with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/io.upsilon.cli.CliPlugin} file naming the implementation). The demo module
 * ({@code upsilon-demo}) adds {@code demo} and {@code race} this way, so the CLI itself does not depend on it.
 *
 * <p>Contract: {@link #commands()} returns new picocli command objects (classes annotated with
 * {@code @picocli.CommandLine.Command}, each with a name no built-in command has); they are added to the root
 * command before its error handling is installed, so they get the same one-line errors and exit codes as the
 * built-in commands. An implementation needs a public no-argument constructor.
 */
public interface CliPlugin {

    /** The command objects to add, in the order they should appear in {@code upsilon --help}. */
    List<Object> commands();
}
