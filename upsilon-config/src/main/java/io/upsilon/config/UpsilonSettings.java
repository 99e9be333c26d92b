package io.upsilon.config;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Upsilon's settings as the {@code upsilon} command reads them, as the Flyway CLI reads {@code flyway.conf}: a Java
 * properties file and {@code UPSILON_*} environment variables, so that a service embedding Upsilon is configured the
 * same way as the command beside it. Immutable once built.
 *
 * <p>Precedence, highest first: a value given to {@link Builder#value}, a file given to {@link Builder#file}, the
 * environment, then a file found in the default places. The file is the first of {@link Builder#file},
 * {@code $UPSILON_CONFIG}, {@code ./upsilon.conf}, {@code ~/.upsilon/upsilon.conf}. A key not in {@link #KEYS} (nor
 * {@code placeholders.NAME}) is an error naming the nearest known one, so a misspelled {@code pasword} never goes
 * unnoticed. Errors are {@link UpsilonException}s with {@link ErrorCode#BAD_INPUT} that name where a value came from.
 *
 * <pre>{@code
 * UpsilonSettings settings = UpsilonSettings.builder().env(System.getenv()).build();
 * }</pre>
 */
public final class UpsilonSettings {

    /** The environment variable naming a settings file. */
    public static final String CONFIG_ENV = "UPSILON_CONFIG";
    /** The file looked for in the working directory and in {@code ~/.upsilon}. */
    public static final String FILE_NAME = "upsilon.conf";
    /** Keys starting with this give placeholder values: {@code placeholders.schema=billing}. */
    public static final String PLACEHOLDER_PREFIX = "placeholders.";
    /** Environment variables starting with this give placeholder values: {@code UPSILON_PLACEHOLDER_SCHEMA}. */
    public static final String PLACEHOLDER_ENV = "UPSILON_PLACEHOLDER_";

    /** The database's JDBC URL; it must not carry the password. */
    public static final String URL = "url";
    /** The database user (default: the URL's). */
    public static final String USER = "user";
    /** The database password: from a file or the environment, never a command line. */
    public static final String PASSWORD = "password";
    /** How long to keep trying to reach a database that is down or starting, in whole seconds. */
    public static final String CONNECT_TIMEOUT = "connect-timeout";

    /** Every key a file may hold, besides {@code placeholders.NAME}, in the order the documentation lists them. */
    public static final List<String> KEYS = List.of(URL, USER, "manifest", "classpath", "schema", "table-prefix",
            "lock", "lock-timeout", CONNECT_TIMEOUT, "node-id", "data-dir", PASSWORD, ControlToken.CONFIG_KEY);

    private final Properties file;
    private final String fileName;
    private final boolean explicit;
    private final Map<String, String> env;
    private final Map<String, String> values;
    private final SettingNames names;

    private UpsilonSettings(Builder b, Properties file, String fileName) {
        this.file = file;
        this.fileName = fileName;
        this.explicit = b.file != null;
        this.env = Map.copyOf(b.env);
        this.values = Map.copyOf(b.values);
        this.names = b.names;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The environment variable for a key: {@code lock-timeout} is {@code UPSILON_LOCK_TIMEOUT}. */
    public static String envName(String key) {
        return "UPSILON_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /** How the user gives each setting, for the remedies in error messages. */
    public SettingNames names() {
        return names;
    }

    /** The settings file that was read, if any. */
    public Optional<Path> file() {
        return Optional.ofNullable(fileName).map(Path::of);
    }

    /**
     * The value of {@code key} as written (a password may end in a space), by the precedence above; empty when no
     * source gives it.
     */
    public Optional<String> get(String key) {
        if (values.containsKey(key)) {
            return Optional.of(values.get(key));
        }
        String fromFile = file.getProperty(key);
        if (explicit && fromFile != null) {
            return Optional.of(fromFile);
        }
        return Optional.ofNullable(env.get(envName(key))).or(() -> Optional.ofNullable(fromFile));
    }

    /** Where {@link #get} found {@code key}, for messages: {@code $UPSILON_URL} or {@code 'url' in FILE}. */
    public String source(String key) {
        if (values.containsKey(key)) {
            return "'" + key + "' given to the settings";
        }
        if (explicit && file.getProperty(key) != null) {
            return "'" + key + "' in " + fileName;
        }
        return env.get(envName(key)) != null ? "$" + envName(key) : "'" + key + "' in " + fileName;
    }

    /**
     * A duration in whole seconds, 0 or more.
     *
     * @throws UpsilonException {@link ErrorCode#BAD_INPUT} naming the source for anything else
     */
    public Optional<Duration> seconds(String key) {
        return get(key).map(String::strip).map(value -> {
            try {
                long seconds = Long.parseLong(value);
                if (seconds >= 0) {
                    return Duration.ofSeconds(seconds);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new UpsilonException(ErrorCode.BAD_INPUT, source(key) + " is '" + value + "'; give a whole number"
                    + " of seconds, 0 or more");
        });
    }

    /**
     * One of {@code allowed} (lower case), whatever case the value was written in.
     *
     * @throws UpsilonException {@link ErrorCode#BAD_INPUT} naming the source and the allowed values for another
     */
    public Optional<String> choice(String key, Collection<String> allowed) {
        return get(key).map(String::strip).map(value -> {
            String lower = value.toLowerCase(Locale.ROOT);
            if (!allowed.contains(lower)) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, source(key) + " is '" + value + "'; use "
                        + String.join(" or ", allowed));
            }
            return lower;
        });
    }

    /**
     * Placeholder values ({@code ${name}} in SQL scripts) by lower-case name, from the file and the environment with
     * the same precedence as {@link #get}.
     */
    public Map<String, String> placeholders() {
        Map<String, String> result = new TreeMap<>();
        Map<String, String> fromFile = new TreeMap<>();
        file.stringPropertyNames().stream().filter(k -> k.startsWith(PLACEHOLDER_PREFIX))
                .forEach(k -> fromFile.put(k.substring(PLACEHOLDER_PREFIX.length()).toLowerCase(Locale.ROOT),
                        file.getProperty(k)));
        if (!explicit) {
            result.putAll(fromFile);
        }
        env.forEach((name, value) -> {
            if (name.startsWith(PLACEHOLDER_ENV) && name.length() > PLACEHOLDER_ENV.length()) {
                result.put(name.substring(PLACEHOLDER_ENV.length()).toLowerCase(Locale.ROOT), value);
            }
        });
        if (explicit) {
            result.putAll(fromFile);
        }
        return result;
    }

    /** {@link #placeholders()} with {@code over} on top (names in lower case), as a program's options rank above. */
    public Map<String, String> placeholders(Map<String, String> over) {
        Map<String, String> result = placeholders();
        if (over != null) {
            over.forEach((name, value) -> result.put(name.toLowerCase(Locale.ROOT), value));
        }
        return result;
    }

    /** The known key closest to {@code key} by edit distance. */
    public static String nearest(String key) {
        return KEYS.stream().min(Comparator.comparingInt(k -> distance(key.toLowerCase(Locale.ROOT), k)))
                .orElseThrow();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    /** Builds {@link UpsilonSettings}; {@link #build()} finds and reads the file. */
    public static final class Builder {
        private Map<String, String> env = Map.of();
        private Path file;
        private final Map<String, String> values = new HashMap<>();
        private SettingNames names = SettingNames.DEFAULT;
        private List<Path> defaultPlaces = List.of(Path.of(FILE_NAME), Path.of(System.getProperty("user.home"),
                ".upsilon", FILE_NAME));

        private Builder() {
        }

        /** The environment to read {@code UPSILON_*} variables from, usually {@link System#getenv()}. */
        public Builder env(Map<String, String> value) {
            this.env = Map.copyOf(value);
            return this;
        }

        /** A settings file that must exist and ranks above the environment; null to look for one. */
        public Builder file(Path value) {
            this.file = value;
            return this;
        }

        /** A value that ranks above every other source, e.g. one a service computes. */
        public Builder value(String key, String value) {
            known(key);
            values.put(key, value);
            return this;
        }

        /** The places a file is looked for without {@link #file}; none to read only the environment. */
        public Builder defaultPlaces(List<Path> value) {
            this.defaultPlaces = List.copyOf(value);
            return this;
        }

        /** How the settings are named in error messages (default {@link SettingNames#DEFAULT}). */
        public Builder names(SettingNames value) {
            this.names = value;
            return this;
        }

        /**
         * Finds and reads the settings file, if any.
         *
         * @throws UpsilonException {@link ErrorCode#BAD_INPUT} for a named file that cannot be read, or an unknown
         *                          key in the file
         */
        public UpsilonSettings build() {
            if (file != null) {
                return new UpsilonSettings(this, read(file, names.of("config")), file.toString());
            }
            String named = env.get(CONFIG_ENV);
            if (named != null && !named.isBlank()) {
                Path path = Path.of(named.strip());
                return new UpsilonSettings(this, read(path, "$" + CONFIG_ENV), path.toString());
            }
            for (Path candidate : defaultPlaces) {
                if (Files.isRegularFile(candidate)) {
                    return new UpsilonSettings(this, read(candidate, "the default place " + candidate),
                            candidate.toString());
                }
            }
            return new UpsilonSettings(this, new Properties(), null);
        }

        private Properties read(Path path, String via) {
            Properties properties = new Properties();
            try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
                properties.load(in);
            } catch (IOException e) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "cannot read the config file " + path + " (named by "
                        + via + "; " + e.getClass().getSimpleName() + "); check the path given with "
                        + names.of("config") + " and its permissions", e);
            }
            for (String key : new TreeMap<>(properties).keySet().stream().map(String::valueOf).toList()) {
                boolean placeholder = key.startsWith(PLACEHOLDER_PREFIX) && key.length() > PLACEHOLDER_PREFIX.length();
                if (!KEYS.contains(key) && !placeholder) {
                    throw new UpsilonException(ErrorCode.BAD_INPUT, "config file " + path + ": " + unknown(key));
                }
            }
            return properties;
        }

        private static void known(String key) {
            if (!KEYS.contains(key)) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, unknown(key));
            }
        }

        private static String unknown(String key) {
            return "unknown key '" + key + "'; did you mean '" + nearest(key) + "'? Known keys: "
                    + String.join(", ", KEYS) + ", " + PLACEHOLDER_PREFIX + "NAME";
        }
    }
}
