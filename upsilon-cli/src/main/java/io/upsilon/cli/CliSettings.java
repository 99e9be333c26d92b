package io.upsilon.cli;

import io.upsilon.config.SettingNames;
import io.upsilon.config.UpsilonSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * The CLI's side of {@link UpsilonSettings} (the config file, {@code UPSILON_*} variables, their precedence and
 * errors): the file named with {@code --config}, the settings named in messages as the options that set them, and the
 * options a command line left out filled from the settings.
 */
final class CliSettings {

    /** Each setting by its option, {@code --url}; the password, which has none, by where it comes from. */
    static final SettingNames NAMES = SettingNames.options("$" + Main.PASSWORD_ENV + " or the config file");

    private CliSettings() {
    }

    /**
     * Finds and reads the config file (if any) for this run ({@code --config} must name a readable file), then fills
     * every option of {@code spec} that the command line did not give from the environment or the file. Options a
     * command does not have (migrate has no --url) are left alone: one file serves every command.
     */
    static UpsilonSettings applyTo(CommandSpec spec, Map<String, String> env) {
        OptionSpec config = spec.findOption("--config");
        UpsilonSettings settings = UpsilonSettings.builder().env(env).file(config == null ? null : config.getValue())
                .names(NAMES).build();
        ParseResult parsed = spec.commandLine().getParseResult();
        for (String key : UpsilonSettings.KEYS) {
            OptionSpec option = spec.findOption("--" + key); // the password and the control token have none
            if (option != null && !parsed.hasMatchedOption(option) && settings.get(key).isPresent()) {
                option.setValue(value(settings, key, option.type()));
            }
        }
        return settings;
    }

    /** The setting {@code key} as an option of {@code type} holds it; a bad value is an error naming where it is. */
    private static Object value(UpsilonSettings settings, String key, Class<?> type) {
        if (type == long.class) { // the timeouts, in seconds
            return settings.seconds(key).orElseThrow().toSeconds();
        }
        if (type == LockChoice.class) {
            return LockChoice.valueOf(settings.choice(key, Arrays.stream(LockChoice.values()).map(Enum::name)
                    .toList()).orElseThrow());
        }
        String value = settings.get(key).orElseThrow().strip();
        return type == Path.class ? Path.of(value) : value;
    }
}
