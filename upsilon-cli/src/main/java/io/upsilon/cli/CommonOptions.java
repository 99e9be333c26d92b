package io.upsilon.cli;

import io.upsilon.Version;
import io.upsilon.config.UpsilonSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The settings of one command run. A command declares only the option groups it uses ({@link OptionGroup} mixins:
 * {@link ConnectionOptions}, {@link TableOptions}, {@link ManifestOptions}, {@link TargetOption}, {@link LockOptions},
 * ...), so it accepts no option it would ignore; {@link CliSettings} fills what the command line left out from the
 * environment or the config file, then {@link BaseCommand} copies their values here. A setting whose option the
 * command does not have stays null: the library's default.
 */
final class CommonOptions {

    static final Path DEFAULT_DATA_DIR = Path.of(System.getProperty("user.home"), ".upsilon", "data");

    /** The environment and config file of this run; set before the command runs. */
    UpsilonSettings settings;

    boolean json;
    boolean verbose;
    String url;
    String user;
    boolean embedded;
    Path dataDir = DEFAULT_DATA_DIR;
    Duration connectTimeout;
    String schema;
    String tablePrefix;
    Path manifest;
    String classpath;
    Map<String, String> placeholders;
    Version to;
    LockChoice lock;
    Duration lockTimeout;
    String nodeId;

    /** The settings given by {@code groups}, e.g. the mixins of a command. */
    static CommonOptions of(Iterable<?> groups) {
        CommonOptions options = new CommonOptions();
        for (Object group : groups) {
            if (group instanceof OptionGroup g) {
                g.applyTo(options);
            }
        }
        return options;
    }
}
