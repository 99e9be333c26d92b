package io.upsilon.migrate;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.upsilon.ErrorCode;
import io.upsilon.Texts;
import io.upsilon.UpsilonException;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import java.util.regex.Pattern;

/**
 * A migration spec, read from YAML:
 * <pre>
 * source: {url: "jdbc:postgresql://old-db/app", user: app, passwordEnv: OLD_DB_PASSWORD}
 * target: {url: "jdbc:postgresql://new-db/app", user: app, passwordEnv: NEW_DB_PASSWORD}
 * overlap: 5s                      # re-read this much before the watermark on incremental runs
 * entities:
 *   - name: transfers
 *     source: transfers            # a table, or query: "SELECT …"
 *     target: transfers
 *     key: [id]
 *     updatedAt: updated_at
 *     batchSize: 5000
 *     transforms:
 *       - rename: {from: amount, to: amount_minor}
 *       - default: {field: currency, value: EUR}
 *       - drop: legacy_flag
 *       - map: {field: state, values: {A: ACTIVE, C: CLOSED}}
 *       - split: {target: transfer_fees, key: [transfer_id], fields: {transfer_id: id, fee: fee}, remove: [fee]}
 *       - merge: {from: quotes, on: quote_id, lookup: id, fields: {quote_amount: amount}}
 *       - java: com.acme.MyTransformer
 * </pre>
 * Passwords come only from the environment variables the spec names, never from the spec itself. An HTTP store is
 * given as {@code {http: "https://old-service/api"}} instead of {@code url}.
 *
 * @param source   where entities come from
 * @param target   where they go
 * @param overlap  how far before the watermark incremental runs start reading again
 * @param entities the entity types, migrated in parallel
 */
public record MigrationSpec(Endpoint source, Endpoint target, Duration overlap, List<EntitySpec> entities) {

    /** A query's first word, after blanks, comments and opening parentheses. */
    private static final Pattern READ_ONLY = Pattern.compile(
            "(?is)(\\s|--[^\n]*\n|/\\*.*?\\*/|\\()*(SELECT|WITH|VALUES|TABLE)\\b");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    /**
     * The passwords the source's and the target's {@code passwordEnv} name, those set in {@code env}: what a program
     * masks in everything it prints before it opens the stores.
     */
    public List<String> passwords(Map<String, String> env) {
        return Stream.of(source, target).map(Endpoint::passwordEnv)
                .filter(Objects::nonNull).map(env::get).filter(Objects::nonNull).toList();
    }

    /**
     * A store's address.
     *
     * @param url         a JDBC URL (PostgreSQL), or null for an HTTP store
     * @param http        an HTTP base URL, or null for a database
     * @param user        the database user (also allowed in the URL)
     * @param passwordEnv the environment variable holding the password
     */
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Endpoint(String url, String http, String user, String passwordEnv) {
    }

    /**
     * One entity type.
     *
     * @param name       its name (progress, checkpoints, errors)
     * @param source     the source table (or null when {@code query} is given)
     * @param query      a query whose rows are the entity
     * @param target     the target table
     * @param key        the key fields (the same names in the target, after transforms)
     * @param updatedAt  the update-time field (a timestamp), the watermark of incremental runs
     * @param batchSize  rows per page and per target transaction (default 5,000)
     * @param transforms the declared transforms, applied in order
     */
    public record EntitySpec(String name, String source, String query, String target, List<String> key,
                             String updatedAt, Integer batchSize, List<Map<String, Object>> transforms) {

        public int batch() {
            return batchSize == null ? 5_000 : batchSize;
        }

        public List<Map<String, Object>> steps() {
            return transforms == null ? List.of() : transforms;
        }
    }

    /** The raw file shape, so {@code overlap} can be written as {@code 5s}. */
    private record File(Endpoint source, Endpoint target, String overlap, List<EntitySpec> entities) {
    }

    /**
     * Reads and checks a spec file.
     *
     * @throws UpsilonException {@code BAD_INPUT} naming the file and line, or the entity and field
     */
    public static MigrationSpec load(Path path) {
        File file;
        String text = null;
        try {
            text = SafeYaml.read(path, "spec");
            try (JsonParser parser = SafeYaml.parser(text, path.toString())) {
                file = YAML.readValue(parser, File.class);
            }
        } catch (JsonMappingException e) {
            throw mappingError(path, text, e);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw new UpsilonException(ErrorCode.BAD_INPUT, path + (at == null ? "" : ":" + at.getLineNr()) + ": "
                    + e.getOriginalMessage().lines().findFirst().orElse("malformed YAML") + "; fix the spec");
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "spec file " + path + " not found; check the path");
        } catch (IOException e) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "cannot read spec " + path + ": " + e.getMessage());
        }
        if (file == null) {
            throw bad(path, "the spec is empty");
        }
        return check(path, file);
    }

    /** A key or value of the wrong shape, said in the spec's words (never a Java class) at the key's own line. */
    private static UpsilonException mappingError(Path path, String text,
                                                 JsonMappingException e) {
        if (e.getCause() instanceof UpsilonException u) {
            return u; // an alias, refused by SafeYaml with its line
        }
        Map<String, Integer> lines = SafeYaml.keyLines(text);
        String pointer = SafeYaml.pointer(e.getPath());
        Integer line = lines.get(pointer);
        for (String p = pointer; line == null && p.contains("/"); p = p.substring(0, p.lastIndexOf('/'))) {
            line = lines.get(p);
        }
        String where = path + (line == null ? "" : ":" + line) + ": ";
        String key = SafeYaml.dotted(e.getPath());
        if (e instanceof UnrecognizedPropertyException u) {
            return new UpsilonException(ErrorCode.BAD_INPUT, where + "unknown key '"
                    + Texts.quote(u.getPropertyName()) + "'" + (key.contains(".") ? " (at " + key + ")" : "")
                    + "; the known keys here are " + u.getKnownPropertyIds());
        }
        String shape = e instanceof MismatchedInputException m
                && m.getTargetType() != null ? shape(m.getTargetType()) : "something else";
        return new UpsilonException(ErrorCode.BAD_INPUT, where + "'" + key + "' must be " + shape + "; fix the spec");
    }

    private static String shape(Class<?> type) {
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord()) {
            return "a mapping";
        }
        return Number.class.isAssignableFrom(type) || type.isPrimitive() ? "a single number" : "a single value";
    }

    private static MigrationSpec check(Path path, File file) {
        if (file.source() == null || file.target() == null) {
            throw bad(path, "give both 'source' and 'target'");
        }
        endpoint(path, "source", file.source());
        endpoint(path, "target", file.target());
        if (file.entities() == null || file.entities().isEmpty()) {
            throw bad(path, "list at least one entity under 'entities'");
        }
        Set<String> names = new HashSet<>();
        for (EntitySpec e : file.entities()) {
            if (e.name() == null || !names.add(e.name())) {
                throw bad(path, e.name() == null ? "every entity needs a 'name'" : "entity " + e.name()
                        + " is listed twice");
            }
            if ((e.source() == null) == (e.query() == null)) {
                throw bad(path, "entity " + e.name() + ": give either 'source' (a table) or 'query'");
            }
            if (e.target() == null || e.key() == null || e.key().isEmpty() || e.updatedAt() == null) {
                throw bad(path, "entity " + e.name() + ": 'target', 'key' and 'updatedAt' are required");
            }
            if (e.query() != null && !READ_ONLY.matcher(e.query()).lookingAt()) {
                throw bad(path, "entity " + e.name() + ": 'query' must read rows (SELECT, WITH, VALUES or TABLE),"
                        + " not '" + Texts.clip(e.query().strip(), 40) + "'; a migration never writes to"
                        + " its source");
            }
            e.steps().forEach(step -> transformShape(path, e.name(), step));
            if (e.batch() < 1 || e.batch() > 1_000_000) {
                throw bad(path, "entity " + e.name() + ": batchSize must be between 1 and 1000000");
            }
        }
        return new MigrationSpec(file.source(), file.target(), duration(path, file.overlap()),
                List.copyOf(file.entities()));
    }

    /**
     * A transform's settings are single values, but for the lists {@code key}/{@code remove} and the mappings
     * {@code values}/{@code fields}, whose members are single values: a nested list is an error, never text.
     */
    private static void transformShape(Path path, String entity, Map<String, Object> step) {
        if (step == null) {
            return;
        }
        step.forEach((kind, settings) -> {
            if (!(settings instanceof Map<?, ?> m)) {
                return;
            }
            m.forEach((name, value) -> {
                String what = "entity " + entity + ", transform " + kind + ": '" + name + "'";
                boolean list = name.equals("key") || name.equals("remove");
                boolean map = name.equals("values") || name.equals("fields");
                if (value instanceof List<?> l && list) {
                    l.forEach(v -> scalar(path, what, v));
                } else if (value instanceof Map<?, ?> inner && map) {
                    inner.values().forEach(v -> scalar(path, what, v));
                } else if (!list && !map) {
                    scalar(path, what, value);
                }
            });
        });
    }

    private static void scalar(Path path, String what, Object value) {
        if (value instanceof Map || value instanceof List) {
            throw bad(path, what + " holds a nested " + (value instanceof List ? "list" : "mapping")
                    + " where a single value belongs; write one value");
        }
    }

    private static void endpoint(Path path, String which, Endpoint e) {
        if ((e.url() == null) == (e.http() == null)) {
            throw bad(path, which + ": give either 'url' (JDBC) or 'http'");
        }
        if (e.url() != null && e.url().toLowerCase().contains("password=")) {
            throw bad(path, which + ": no password in the URL; name an environment variable with 'passwordEnv'");
        }
    }

    private static Duration duration(Path path, String text) {
        if (text == null) {
            return Duration.ofSeconds(5);
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)\\s*(ms|s|m|h)").matcher(text.trim());
        if (!m.matches()) {
            throw bad(path, "overlap '" + text + "' is not a duration such as 500ms, 5s, 2m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    private static UpsilonException bad(Path path, String message) {
        return new UpsilonException(ErrorCode.BAD_INPUT, path + ": " + message);
    }
}
