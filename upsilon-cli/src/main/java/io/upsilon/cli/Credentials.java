package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The database user and password. The user comes from {@code --user}, else the config file, else the URL; the
 * password only from the config file or {@code $UPSILON_PASSWORD}. The file wins over the variable because it was
 * named on this very command line, while a variable may be a leftover of the shell. Every password found is
 * registered as a secret before anything can print it.
 *
 * @param user     null to use the URL's
 * @param password null when none is configured
 */
record Credentials(String user, String password) {

    static Credentials resolve(CommonOptions options, Map<String, String> env, Secrets secrets) {
        Properties file = options.config == null ? new Properties() : read(options.config);
        String password = file.getProperty("password", env.get(Main.PASSWORD_ENV));
        secrets.add(password);
        String user = options.user != null ? options.user : file.getProperty("user");
        return new Credentials(user, password);
    }

    /** The properties of a {@code --config} file. */
    static Properties read(Path path) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(in);
            return properties;
        } catch (IOException e) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "cannot read the config file " + path + " ("
                    + e.getClass().getSimpleName() + "); check the path given with --config and its permissions", e);
        }
    }
}
