package io.upsilon.bench;

import picocli.CommandLine;

/**
 * Parses a benchmark mode's options with picocli: {@code options} is an object whose fields carry {@code @Option}
 * and whose class carries {@code @Command}; the values it holds before parsing are the defaults. {@code --help}
 * prints the usage and exits 0; a bad option is an {@link IllegalArgumentException} naming it and pointing to
 * {@code --help}.
 */
final class CommandLineOptions {

    private CommandLineOptions() {
    }

    static <T> T parse(T options, String[] args) {
        CommandLine line = new CommandLine(options);
        try {
            line.parseArgs(args);
        } catch (CommandLine.ParameterException e) {
            throw new IllegalArgumentException(e.getMessage() + "; try " + line.getCommandName() + " --help", e);
        }
        if (line.isUsageHelpRequested()) {
            line.usage(System.out);
            System.exit(0);
        }
        return options;
    }

    /** A row count that may be written with {@code _} or {@code ,} between digit groups: {@code 1_000_000}. */
    static final class Count implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return Long.parseLong(value.replace("_", "").replace(",", ""));
        }
    }
}
