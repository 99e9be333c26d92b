package io.upsilon;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Versions mapped to their upgrade tasks, in version order (never file order). Immutable.
 *
 * <p>The text format, as in the original Upsilon notes:
 * <pre>
 * 0.9
 *   - com.acme.upgrade.BackfillLegacyTask
 *   - sql/0.9/add_quote_id.sql
 * 1.0
 *   - com.acme.upgrade.ProductionReadyDataCheckTask
 * </pre>
 * An entry is a Java class implementing {@link UpgradeTask} or a path ending in {@code .sql}, relative to the
 * manifest. Blank lines and lines starting with {@code #} are ignored.
 */
public final class Manifest {

    /** The resource name looked up on the class path when no manifest file is given. */
    public static final String DEFAULT_RESOURCE = "upsilon.tasks";

    private final String source;
    private final NavigableMap<Version, List<TaskDefinition>> tasks;

    /**
     * Takes {@code tasks} over: the callers build the map and its lists for this manifest alone and keep no reference,
     * so they are wrapped read-only instead of copied (a copy cost a thousand-version start-up a few milliseconds).
     */
    Manifest(String source, NavigableMap<Version, List<TaskDefinition>> tasks) {
        this.source = source;
        tasks.replaceAll((v, list) -> Collections.unmodifiableList(list));
        this.tasks = Collections.unmodifiableNavigableMap(tasks);
    }

    /** A manifest built in code, e.g. for tests or an application that lists its tasks itself. */
    public static Manifest of(String source, List<TaskDefinition> definitions) {
        NavigableMap<Version, List<TaskDefinition>> map = new TreeMap<>();
        for (TaskDefinition d : definitions) {
            map.computeIfAbsent(d.version(), v -> new ArrayList<>()).add(d);
        }
        return new Manifest(source, map);
    }

    /**
     * Reads a manifest file; SQL scripts are resolved against the file's directory and Java tasks loaded from
     * {@code classLoader}.
     *
     * @throws UpsilonException with {@link ErrorCode#INVALID_MANIFEST} naming the file and line
     */
    public static Manifest load(Path file, ClassLoader classLoader) {
        String text;
        try {
            text = ManifestFiles.read(file, ManifestFiles.MAX_MANIFEST_BYTES, "manifest");
        } catch (IOException e) {
            throw new UpsilonException(ErrorCode.INVALID_MANIFEST, "cannot read manifest " + file + ": " + e.getMessage()
                    + "; check the path given with --manifest", e);
        }
        Path dir = file.toAbsolutePath().getParent();
        ManifestFiles.ScriptDirectory directory = new ManifestFiles.ScriptDirectory(dir);
        ScriptSource scripts = new ScriptSource() {
            @Override
            public Optional<String> read(String path) {
                return readFile(dir.resolve(path));
            }

            @Override
            public boolean exists(String path) {
                return directory.exists(path);
            }

            @Override
            public Optional<String> problem(String path) {
                return directory.problem(path);
            }
        };
        return new ManifestParser(file.toString(), classLoader, scripts).parse(text);
    }

    /**
     * Reads a manifest from the class path (by default {@value #DEFAULT_RESOURCE}); SQL scripts are resources
     * relative to it.
     */
    public static Manifest loadResource(String resource, ClassLoader classLoader) {
        URL url = classLoader.getResource(resource);
        if (url == null) {
            throw new UpsilonException(ErrorCode.INVALID_MANIFEST, "manifest resource '" + resource
                    + "' not found on the class path; add it or pass --manifest PATH");
        }
        int slash = resource.lastIndexOf('/');
        String base = slash < 0 ? "" : resource.substring(0, slash + 1);
        String text = readResource(classLoader, resource).orElseThrow();
        ScriptSource scripts = new ScriptSource() {
            @Override
            public Optional<String> read(String path) {
                return readResource(classLoader, base + path);
            }

            @Override
            public boolean exists(String path) {
                return classLoader.getResource(base + path) != null;
            }
        };
        return new ManifestParser(resource, classLoader, scripts).parse(text);
    }

    /** Parses manifest text; {@code scripts} reads a SQL script by its path as written. */
    public static Manifest parse(String text, String source, ClassLoader classLoader, ScriptSource scripts) {
        return new ManifestParser(source, classLoader, scripts).parse(text);
    }

    private static Optional<String> readFile(Path path) {
        try {
            return Files.isRegularFile(path)
                    ? Optional.of(ManifestFiles.read(path, ManifestFiles.MAX_SCRIPT_BYTES, "SQL script"))
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> readResource(ClassLoader classLoader, String name) {
        try (InputStream in = classLoader.getResourceAsStream(name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Where the manifest came from (a file path or resource name). */
    public String source() {
        return source;
    }

    /** All versions, ascending. */
    public List<Version> versions() {
        return List.copyOf(tasks.keySet());
    }

    /** The tasks of one version in manifest order; empty if the version is not in the manifest. */
    public List<TaskDefinition> tasks(Version version) {
        return tasks.getOrDefault(version, List.of());
    }

    /** Every task, in version order, then manifest order. */
    public List<TaskDefinition> allTasks() {
        List<TaskDefinition> all = new ArrayList<>();
        tasks.values().forEach(all::addAll);
        return all;
    }

    public boolean contains(Version version) {
        return tasks.containsKey(version);
    }

    /** The highest version, if any. */
    public Optional<Version> latest() {
        return tasks.isEmpty() ? Optional.empty() : Optional.of(tasks.lastKey());
    }

    /** The highest manifest version at or below {@code version}: the data version a node of that software reaches. */
    public Optional<Version> floor(Version version) {
        return Optional.ofNullable(tasks.floorKey(version));
    }

    /** The manifest version just before {@code version}, if any. */
    public Optional<Version> previous(Version version) {
        return Optional.ofNullable(tasks.lowerKey(version));
    }

    /** The versions {@code v} with {@code from < v <= to}, ascending; {@code from} empty means from the start. */
    public List<Version> between(Optional<Version> from, Version to) {
        NavigableMap<Version, List<TaskDefinition>> head = tasks.headMap(to, true);
        return List.copyOf(from.map(f -> head.tailMap(f, false)).orElse(head).keySet());
    }

    /** Reads a SQL script by the path written in the manifest. */
    @FunctionalInterface
    public interface ScriptSource {
        Optional<String> read(String path);

        /** Whether the script exists; override with something cheaper than reading it. */
        default boolean exists(String path) {
            return read(path).isPresent();
        }

        /**
         * Why the script at {@code path} must not be used although it may exist (a directory, a file outside the
         * manifest's directory), or empty; checked before {@link #exists}.
         */
        default Optional<String> problem(String path) {
            return Optional.empty();
        }
    }
}
