package io.upsilon.cli;

import io.upsilon.config.Database;
import io.upsilon.config.UpsilonSettings;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The options of a command that opens Upsilon's database: {@code --url}, or the embedded PostgreSQL in
 * {@code --data-dir}. There is deliberately no password option: a password on the command line ends up in shell
 * history and {@code ps}.
 */
final class ConnectionOptions implements OptionGroup {

    @Option(names = "--url", paramLabel = "JDBC_URL", description = {
        "The PostgreSQL to work on, e.g. jdbc:postgresql://db:5432/app?user=upsilon (or $UPSILON_URL, or url= in"
                + " the config file). Without it the command needs --embedded.",
        "The password comes from --config FILE or $" + Main.PASSWORD_ENV + ", never from the URL."})
    String url;

    @Option(names = "--user", paramLabel = "NAME", description = "The database user (default: the user in --url).")
    String user;

    @Option(names = "--config", paramLabel = "FILE", description = {"A properties file of settings: url, user,"
            + " password, manifest, schema, table-prefix, lock, lock-timeout, connect-timeout, node-id, data-dir,"
            + " classpath, control-token, placeholders.NAME. Without it: $" + UpsilonSettings.CONFIG_ENV
            + ", ./upsilon.conf or ~/.upsilon/upsilon.conf.",
        "Precedence: options, then this file, then UPSILON_* variables ($UPSILON_URL, $" + Main.PASSWORD_ENV + ","
            + " $UPSILON_PLACEHOLDER_NAME, ...), then a file found by default."})
    Path config;

    @Option(names = "--embedded", description = "Without --url: start an embedded PostgreSQL in --data-dir (to try"
            + " Upsilon out) and stop it at the end.")
    boolean embedded;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "The embedded PostgreSQL's data directory, used"
            + " with --embedded.")
    Path dataDir = CommonOptions.DEFAULT_DATA_DIR;

    @Option(names = "--connect-timeout", paramLabel = "SECONDS", description = "How long to keep trying to reach"
            + " the database (with back-off) while it is down or starting, before giving up as unreachable"
            + " (DATABASE_UNREACHABLE, see the exit codes below).")
    long connectTimeoutSeconds = Database.DEFAULT_CONNECT_TIMEOUT.toSeconds();

    @Override
    public void applyTo(CommonOptions options) {
        options.url = url;
        options.user = user;
        options.embedded = embedded;
        options.dataDir = dataDir;
        options.connectTimeout = Duration.ofSeconds(connectTimeoutSeconds);
    }
}
