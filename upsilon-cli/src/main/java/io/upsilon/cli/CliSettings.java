package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * The CLI's settings beyond its options, as the Flyway CLI reads {@code flyway.conf}: a Java properties file and
 * {@code UPSILON_*} environment variables. Precedence, highest first: the command line (an option, or a file named
 * with {@code --config}), the environment, then a file found in the default places. The file is the first of
 * {@code --config FILE}, {@code $UPSILON_CONFIG}, {@code ./upsilon.conf}, {@code ~/.upsilon/upsilon.conf}. A key the
 * CLI does not know is an error naming the nearest known one, so a misspelled {@code pasword} never goes unnoticed.
 */
final class CliSettings {

    /** The environment variable naming a config file. */
    static final String CONFIG_ENV = "UPSILON_CONFIG";
    /** The file looked for in the working directory and in {@code ~/.upsilon}. */
    static final String FILE_NAME = "upsilon.conf";
    /** Keys starting with this give placeholder values: {@code placeholders.schema=billing}. */
    static final String PLACEHOLDER_PREFIX = "placeholders.";
    /** Environment variables starting with this give placeholder values: {@code UPSILON_PLACEHOLDER_SCHEMA}. */
    static final String PLACEHOLDER_ENV = "UPSILON_PLACEHOLDER_";

    /** Every key a file may hold, with the option it stands for (null: no option, e.g. the password). */
    static final Map<String, String> KEYS = keys();

    private final Properties file;
    private final String fileName;
    private final boolean explicit;
    private final Map<String, String> env;

    private CliSettings(Properties file, String fileName, boolean explicit, Map<String, String> env) {
        this.file = file;
        this.fileName = fileName;
        this.explicit = explicit;
        this.env = env;
    }

    private static Map<String, String> keys() {
        Map<String, String> keys = new LinkedHashMap<>();
        for (String option : List.of("url", "user", "manifest", "classpath", "schema", "table-prefix", "lock",
                "lock-timeout", "connect-timeout", "node-id", "data-dir")) {
            keys.put(option, "--" + option);
        }
        keys.put("password", null);
        keys.put(ControlToken.CONFIG_KEY, null);
        return keys;
    }

    /** Finds and reads the config file (if any) for this run; {@code --config} must name a readable file. */
    static CliSettings load(CommonOptions options, Map<String, String> env) {
        if (options.config != null) {
            return new CliSettings(read(options.config, "--config"), options.config.toString(), true, env);
        }
        String named = env.get(CONFIG_ENV);
        if (named != null && !named.isBlank()) {
            Path path = Path.of(named.strip());
            return new CliSettings(read(path, "$" + CONFIG_ENV), path.toString(), false, env);
        }
        for (Path candidate : List.of(Path.of(FILE_NAME), Path.of(System.getProperty("user.home"), ".upsilon",
                FILE_NAME))) {
            if (Files.isRegularFile(candidate)) {
                return new CliSettings(read(candidate, "the default place " + candidate), candidate.toString(), false,
                        env);
            }
        }
        return new CliSettings(new Properties(), null, false, env);
    }

    /** The environment variable for a key: {@code lock-timeout} is {@code UPSILON_LOCK_TIMEOUT}. */
    static String envName(String key) {
        return "UPSILON_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
    }

    /**
     * The value of {@code key} as written (a password may end in a space): a {@code --config} file, else the
     * environment, else a default-place file.
     */
    Optional<String> get(String key) {
        String fromFile = file.getProperty(key);
        if (explicit && fromFile != null) {
            return Optional.of(fromFile);
        }
        return Optional.ofNullable(env.get(envName(key))).or(() -> Optional.ofNullable(fromFile));
    }

    /** Where {@link #get} found {@code key}, for messages: {@code $UPSILON_URL} or {@code 'url' in FILE}. */
    String source(String key) {
        if (explicit && file.getProperty(key) != null) {
            return "'" + key + "' in " + fileName;
        }
        return env.get(envName(key)) != null ? "$" + envName(key) : "'" + key + "' in " + fileName;
    }

    /**
     * Fills every option of {@code spec} that the command line did not give from the environment or the file. Options
     * a command does not have (migrate has no --url) are left alone: one file serves every command.
     */
    void applyTo(CommonOptions options, CommandSpec spec) {
        ParseResult parsed = spec.commandLine().getParseResult();
        KEYS.forEach((key, option) -> {
            if (option == null || spec.findOption(option) == null || parsed.hasMatchedOption(option)) {
                return;
            }
            get(key).map(String::strip).ifPresent(value -> set(options, key, value));
        });
        Map<String, String> placeholders = placeholders();
        if (options.placeholders != null) {
            options.placeholders.forEach((name, value) -> placeholders.put(name.toLowerCase(Locale.ROOT), value));
        }
        options.placeholders = placeholders;
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
            case "lock" -> options.lock = lockChoice(key, value);
            case "lock-timeout" -> options.lockTimeoutSeconds = seconds(key, value);
            case "connect-timeout" -> options.connectTimeoutSeconds = seconds(key, value);
            default -> throw new IllegalStateException("no option for key " + key);
        }
    }

    private LockChoice lockChoice(String key, String value) {
        try {
            return LockChoice.valueOf(value.toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, source(key) + " is '" + value + "'; use advisory or"
                    + " lease");
        }
    }

    private long seconds(String key, String value) {
        try {
            long seconds = Long.parseLong(value);
            if (seconds >= 0) {
                return seconds;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new UpsilonException(ErrorCode.BAD_INPUT, source(key) + " is '" + value + "'; give a whole number of"
                + " seconds, 0 or more");
    }

    /** Placeholder values from the file and the environment, with the same precedence as {@link #get}. */
    Map<String, String> placeholders() {
        Map<String, String> values = new TreeMap<>();
        Map<String, String> fromFile = new TreeMap<>();
        file.stringPropertyNames().stream().filter(k -> k.startsWith(PLACEHOLDER_PREFIX))
                .forEach(k -> fromFile.put(k.substring(PLACEHOLDER_PREFIX.length()).toLowerCase(Locale.ROOT),
                        file.getProperty(k)));
        if (!explicit) {
            values.putAll(fromFile);
        }
        env.forEach((name, value) -> {
            if (name.startsWith(PLACEHOLDER_ENV) && name.length() > PLACEHOLDER_ENV.length()) {
                values.put(name.substring(PLACEHOLDER_ENV.length()).toLowerCase(Locale.ROOT), value);
            }
        });
        if (explicit) {
            values.putAll(fromFile);
        }
        return values;
    }

    private static Properties read(Path path, String via) {
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "cannot read the config file " + path + " (named by " + via
                    + "; " + e.getClass().getSimpleName() + "); check the path given with --config and its"
                    + " permissions", e);
        }
        for (String key : new TreeMap<>(properties).keySet().stream().map(String::valueOf).toList()) {
            boolean placeholder = key.startsWith(PLACEHOLDER_PREFIX) && key.length() > PLACEHOLDER_PREFIX.length();
            if (!KEYS.containsKey(key) && !placeholder) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "config file " + path + ": unknown key '" + key
                        + "'; did you mean '" + nearest(key) + "'? Known keys: " + String.join(", ", KEYS.keySet())
                        + ", " + PLACEHOLDER_PREFIX + "NAME");
            }
        }
        return properties;
    }

    /** The known key closest to {@code key} by edit distance. */
    static String nearest(String key) {
        return KEYS.keySet().stream().min(Comparator.comparingInt(k -> distance(key.toLowerCase(Locale.ROOT), k)))
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
}
