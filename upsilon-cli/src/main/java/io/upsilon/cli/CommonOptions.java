package io.upsilon.cli;

import io.upsilon.Version;
import java.nio.file.Path;
import java.util.Map;

/**
 * The settings of one command run. A command declares only the option groups it uses ({@link OptionGroup} mixins:
 * {@link ConnectionOptions}, {@link TableOptions}, {@link ManifestOptions}, {@link TargetOption}, {@link LockOptions},
 * {@link NodeOption}, ...), so it accepts no option it would ignore; {@link BaseCommand} copies their values here, then
 * {@link CliSettings} fills what the command line left out from the environment or the config file. A setting whose
 * option the command does not have keeps the default below.
 */
final class CommonOptions {

    static final Path DEFAULT_DATA_DIR = Path.of(System.getProperty("user.home"), ".upsilon", "data");
    static final long DEFAULT_CONNECT_TIMEOUT_SECONDS = 30;
    static final String DEFAULT_SCHEMA = "public";
    static final String DEFAULT_TABLE_PREFIX = "upsilon_";
    static final LockChoice DEFAULT_LOCK = LockChoice.advisory;
    static final long DEFAULT_LOCK_TIMEOUT_SECONDS = 60;

    /** The environment and config file of this run; set before the command runs, null in unit tests. */
    CliSettings settings;

    boolean json;
    boolean verbose;
    String url;
    String user;
    Path config;
    boolean embedded;
    Path dataDir = DEFAULT_DATA_DIR;
    long connectTimeoutSeconds = DEFAULT_CONNECT_TIMEOUT_SECONDS;
    String schema = DEFAULT_SCHEMA;
    String tablePrefix = DEFAULT_TABLE_PREFIX;
    Path manifest;
    String classpath;
    Map<String, String> placeholders;
    Version to;
    LockChoice lock = DEFAULT_LOCK;
    long lockTimeoutSeconds = DEFAULT_LOCK_TIMEOUT_SECONDS;
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
