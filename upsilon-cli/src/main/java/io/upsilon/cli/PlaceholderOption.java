package io.upsilon.cli;

import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --placeholder NAME=VALUE}, for the commands that read or run SQL scripts. */
final class PlaceholderOption implements OptionGroup {

    @Option(names = "--placeholder", paramLabel = "NAME=VALUE", description = "A value for $${NAME} in SQL scripts"
            + " (repeatable); also placeholders.NAME= in the config file or $UPSILON_PLACEHOLDER_NAME.")
    Map<String, String> placeholders;

    @Override
    public void applyTo(CommonOptions options) {
        options.placeholders = placeholders;
    }
}
