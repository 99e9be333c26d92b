package io.upsilon.cli;

import io.upsilon.Version;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The options every command shares, written once and mixed into each command with {@code @Mixin}. There is
 * deliberately no password option: a password on the command line ends up in shell history and {@code ps}. An option
 * not given is taken from the environment or the config file ({@link CliSettings}) before the command runs.
 */
final class CommonOptions {

    /** The environment and config file of this run; set before the command runs, null in unit tests. */
    CliSettings settings;

    @Option(names = "--json", description = "Print one JSON document on stdout instead of text.")
    boolean json;

    @Option(names = "--url", paramLabel = "JDBC_URL", description = {
        "The PostgreSQL to work on, e.g. jdbc:postgresql://db:5432/app?user=upsilon (or $UPSILON_URL, or url= in"
                + " the config file). Without it the command needs --embedded.",
        "The password comes from --config FILE or $" + Main.PASSWORD_ENV + ", never from the URL."})
    String url;

    @Option(names = "--embedded", description = "Without --url: start an embedded PostgreSQL in --data-dir (to try"
            + " Upsilon out) and stop it at the end.")
    boolean embedded;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", defaultValue = "30", description = "How long to keep"
            + " trying to reach the database (with back-off) while it is down or starting, before giving up.")
    long connectTimeoutSeconds;

    @Option(names = "--user", paramLabel = "NAME", description = "The database user (default: the user in --url).")
    String user;

    @Option(names = "--config", paramLabel = "FILE", description = {"A properties file of settings: url, user,"
            + " password, manifest, schema, table-prefix, lock, lock-timeout, connect-timeout, node-id, data-dir,"
            + " classpath, control-token, placeholders.NAME. Without it: $" + CliSettings.CONFIG_ENV
            + ", ./upsilon.conf or ~/.upsilon/upsilon.conf.",
        "Precedence: options, then this file, then UPSILON_* variables ($UPSILON_URL, $" + Main.PASSWORD_ENV + ","
            + " $UPSILON_PLACEHOLDER_NAME, ...), then a file found by default."})
    Path config;

    @Option(names = "--placeholder", paramLabel = "NAME=VALUE", description = "A value for ${NAME} in SQL scripts"
            + " (repeatable); also placeholders.NAME= in the config file or $UPSILON_PLACEHOLDER_NAME.")
    Map<String, String> placeholders;

    @Option(names = "--manifest", paramLabel = "PATH", description = "The manifest file, or a directory holding"
            + " upsilon.tasks (default: the class-path resource upsilon.tasks).")
    Path manifest;

    @Option(names = "--classpath", paramLabel = "JARS_OR_DIRS", description = "Jars and class directories,"
            + " separated by '${sys:path.separator}', to load Java task classes (and the default manifest) from.")
    String classpath;

    @Option(names = "--to", paramLabel = "VERSION", converter = VersionConverter.class, description = "The target"
            + " data version, a version of the manifest; below the data version it rolls back"
            + " (default: the manifest's latest version).")
    Version to;

    @Option(names = "--lock", paramLabel = "KIND", defaultValue = "advisory", description = "The cluster lock:"
            + " ${COMPLETION-CANDIDATES} (advisory: session lock, dies with the connection; lease: TTL row renewed by"
            + " a heartbeat, works behind PgBouncer).")
    LockChoice lock;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", defaultValue = "60", description = "How long to wait"
            + " for the cluster lock before giving up with exit code 3.")
    long lockTimeoutSeconds;

    @Option(names = "--schema", paramLabel = "NAME", defaultValue = "public",
            description = "The schema holding Upsilon's tables.")
    String schema;

    @Option(names = "--table-prefix", paramLabel = "PREFIX", defaultValue = "upsilon_",
            description = "The prefix of Upsilon's table names.")
    String tablePrefix;

    @Option(names = "--node-id", paramLabel = "ID", description = "This node's id in the lock and the history, and"
            + " for serve in the node table and its sessions' application_name (default: host-pid-random).")
    String nodeId;

    @Option(names = "--data-dir", paramLabel = "DIR",
            defaultValue = "${sys:user.home}${sys:file.separator}.upsilon${sys:file.separator}data",
            description = "The embedded PostgreSQL's data directory, used with --embedded.")
    Path dataDir;

    @Option(names = "--verbose", description = "Show log messages and, on error, the stack trace.")
    boolean verbose;
}
