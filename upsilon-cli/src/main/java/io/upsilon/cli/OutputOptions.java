package io.upsilon.cli;

import picocli.CommandLine.Option;

/** {@code --json} and {@code --verbose}: how a command prints. Every command has them (through {@link BaseCommand}). */
final class OutputOptions implements OptionGroup {

    @Option(names = "--json", description = "Print one JSON document on stdout (and nothing else there) instead of"
            + " text; errors too, as {\"error\": {...}}.")
    boolean json;

    @Option(names = "--verbose", description = "Show log messages and, on error, the stack trace.")
    boolean verbose;

    @Override
    public void applyTo(CommonOptions options) {
        options.json = json;
        options.verbose = verbose;
    }
}
