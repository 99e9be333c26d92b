package io.upsilon.cli;

import java.util.Map;

/**
 * The database user and password. The user comes from {@code --user}, else the settings ({@code $UPSILON_USER}, the
 * config file), else the URL; the password only from the settings: a file named with {@code --config}, else
 * {@code $UPSILON_PASSWORD}, else a config file found by default ({@link CliSettings}). A file named on this very
 * command line wins over the variable, which may be a leftover of the shell. Every password found is registered as a
 * secret before anything can print it.
 *
 * @param user     null to use the URL's
 * @param password null when none is configured
 */
record Credentials(String user, String password) {

    static Credentials resolve(CommonOptions options, Map<String, String> env, Secrets secrets) {
        CliSettings settings = options.settings != null ? options.settings : CliSettings.load(options, env);
        String password = settings.get("password").orElse(null);
        secrets.add(password);
        String user = options.user != null ? options.user : settings.get("user").orElse(null);
        return new Credentials(user, password);
    }
}
