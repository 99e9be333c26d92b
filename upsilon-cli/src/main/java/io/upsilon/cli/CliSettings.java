package io.upsilon.cli;

import io.upsilon.config.SettingNames;
import io.upsilon.config.UpsilonSettings;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * The CLI's side of {@link UpsilonSettings} (the config file, {@code UPSILON_*} variables, their precedence and
 * errors): the file named with {@code --config}, the settings named in messages as the options that set them, and the
 * options a command line left out filled from the settings.
 */
final class CliSettings {

    /** Each setting by its option, {@code --url}; the password, which has none, by where it comes from. */
    static final SettingNames NAMES = SettingNames.options("$" + Main.PASSWORD_ENV + " or the config file");

    private final UpsilonSettings settings;

    private CliSettings(UpsilonSettings settings) {
        this.settings = settings;
    }

    /** Finds and reads the config file (if any) for this run; {@code --config} must name a readable file. */
    static CliSettings load(CommonOptions options, Map<String, String> env) {
        return new CliSettings(UpsilonSettings.builder().env(env).file(options.config).names(NAMES).build());
    }

    /** The settings of this run as {@code options} has them: read when a unit test left them out. */
    static UpsilonSettings of(CommonOptions options, Map<String, String> env) {
        return (options.settings != null ? options.settings : load(options, env)).settings;
    }

    /**
     * Fills every option of {@code spec} that the command line did not give from the environment or the file. Options
     * a command does not have (migrate has no --url) are left alone: one file serves every command.
     */
    void applyTo(CommonOptions options, CommandSpec spec) {
        ParseResult parsed = spec.commandLine().getParseResult();
        for (String key : UpsilonSettings.KEYS) {
            String option = "--" + key; // the password and the control token have none
            if (spec.findOption(option) != null && !parsed.hasMatchedOption(option)) {
                settings.get(key).map(String::strip).ifPresent(value -> set(options, key, value));
            }
        }
        options.placeholders = settings.placeholders(options.placeholders);
    }

    private void set(CommonOptions options, String key, String value) {
        switch (key) {
            case "url" -> options.url = value;
            case "user" -> options.user = value;
            case "manifest" -> options.manifest = Path.of(value);
            case "classpath" -> options.classpath = value;
            case "schema" -> options.schema = value;
            case "table-prefix" -> options.tablePrefix = value;
            case "node-id" -> options.nodeId = value;
            case "data-dir" -> options.dataDir = Path.of(value);
            case "lock" -> options.lock = LockChoice.valueOf(settings.choice(key, Arrays.stream(LockChoice.values())
                    .map(Enum::name).toList()).orElseThrow());
            case "lock-timeout" -> options.lockTimeout = settings.seconds(key).orElseThrow();
            case "connect-timeout" -> options.connectTimeout = settings.seconds(key).orElseThrow();
            default -> throw new IllegalStateException("no option for key " + key);
        }
    }
}
