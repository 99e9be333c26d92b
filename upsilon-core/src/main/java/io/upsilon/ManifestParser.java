package io.upsilon;

import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** Parses the manifest text format; every error names the file, the line and the remedy. */
final class ManifestParser {

    /** Compiled when a manifest first names a Java task: a manifest of SQL scripts never pays for it at start-up. */
    private static final class ClassNames {
        static final Pattern PATTERN =
                Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*(\\.[\\p{L}_$][\\p{L}\\p{N}_$]*)*");
    }

    private final String source;
    private final ClassLoader classLoader;
    private final Manifest.ScriptSource scripts;

    ManifestParser(String source, ClassLoader classLoader, Manifest.ScriptSource scripts) {
        this.source = source;
        this.classLoader = classLoader;
        this.scripts = scripts;
    }

    Manifest parse(String text) {
        NavigableMap<Version, List<TaskDefinition>> tasks = new TreeMap<>();
        Map<Version, Integer> versionLines = new HashMap<>();
        Map<String, Integer> taskLines = new HashMap<>();
        Version current = null;
        List<TaskDefinition> currentTasks = null;
        int emptyVersions = 0;
        int lineNo = 0;
        // lines split and trimmed by hand, copying only what is kept: a regular expression, or strip() on every line,
        // costs a cold start more than the loop (see Version)
        for (int at = 0; at <= text.length(); ) {
            int end = text.indexOf('\n', at);
            end = end < 0 ? text.length() : end;
            int from = skipSpace(text, at, end);
            int to = end;
            while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
                to--; // also drops the \r of a \r\n line end
            }
            at = end + 1;
            lineNo++;
            if (from == to || text.charAt(from) == '#') {
                continue;
            }
            if (text.charAt(from) == '-') {
                if (current == null) {
                    throw error(lineNo, "task entry '" + Texts.quote(text.substring(from, to)) + "' comes before any"
                            + " version; put a version line such as '1.0' above it");
                }
                String name = text.substring(skipSpace(text, from + 1, to), to);
                Integer earlier = taskLines.putIfAbsent(name, lineNo);
                if (earlier != null) {
                    throw error(lineNo, "task '" + Texts.quote(name) + "' is listed twice (first on line " + earlier
                            + "); a task runs once, so list it under one version only");
                }
                if (currentTasks.isEmpty()) {
                    emptyVersions--;
                }
                currentTasks.add(definition(current, name, lineNo));
            } else {
                String line = text.substring(from, to);
                current = version(line, lineNo);
                Integer earlier = versionLines.putIfAbsent(current, lineNo);
                if (earlier != null) {
                    throw error(lineNo, "duplicate version '" + Texts.quote(line) + "' (same as line " + earlier
                            + "); merge the two lists of tasks under one version");
                }
                currentTasks = new ArrayList<>();
                tasks.put(current, currentTasks);
                emptyVersions++;
            }
        }
        if (emptyVersions > 0) {
            for (Map.Entry<Version, List<TaskDefinition>> e : tasks.entrySet()) {
                if (e.getValue().isEmpty()) {
                    throw error(versionLines.get(e.getKey()), "version " + e.getKey() + " has no tasks; list at least"
                            + " one task under it as '  - com.example.MyTask' or remove the version");
                }
            }
        }
        return new Manifest(source, tasks);
    }

    /** The first index from {@code from} on (before {@code to}) that is not white space, as strip() counts it. */
    private static int skipSpace(String text, int from, int to) {
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        return from;
    }

    private Version version(String line, int lineNo) {
        Version version = Version.parseStripped(line);
        if (version == null) {
            throw error(lineNo, "'" + Texts.quote(line) + "' is neither a version nor a task entry; write a version such as"
                    + " '1.0.2' or a task as '  - com.example.MyTask'");
        }
        return version;
    }

    private TaskDefinition definition(Version version, String name, int lineNo) {
        String location = source + ":" + lineNo;
        if (name.endsWith(".sql")) {
            Optional<String> problem = scripts.problem(name);
            if (problem.isPresent()) {
                throw error(lineNo, "SQL script '" + Texts.quote(name) + "' " + problem.get());
            }
            if (!scripts.exists(name)) {
                throw error(lineNo, "SQL script '" + Texts.quote(name) + "' not found; SQL paths are relative to the manifest,"
                        + " fix the path or add the file");
            }
            // the text is read when a task runs or a checksum is asked for, not at every start-up
            Script script = new Script(scripts, name, location);
            return TaskDefinition.sql(version, name, script::checksum, location, script, script::undo);
        }
        if (!ClassNames.PATTERN.matcher(name).matches()) {
            throw error(lineNo, "'" + Texts.quote(name) + "' is neither a Java class name nor a path ending in .sql");
        }
        Class<?> type;
        try {
            type = Class.forName(name, false, classLoader);
        } catch (ClassNotFoundException | LinkageError e) {
            throw error(lineNo, "unknown task class '" + Texts.quote(name) + "'; fix the name or put its jar on the class path"
                    + " (--classpath)");
        }
        if (!UpgradeTask.class.isAssignableFrom(type)) {
            throw error(lineNo, "class '" + Texts.quote(name) + "' is not an upgrade task; make it extend "
                    + BaseUpgradeTask.class.getName() + " or implement " + UpgradeTask.class.getName());
        }
        if (Modifier.isAbstract(type.getModifiers()) || type.isInterface()) {
            throw error(lineNo, "task class '" + Texts.quote(name) + "' is abstract; list a concrete class");
        }
        try {
            type.getConstructor();
        } catch (NoSuchMethodException e) {
            throw error(lineNo, "task class '" + Texts.quote(name) + "' has no public no-argument constructor; add one");
        }
        return new TaskDefinition(version, name, TaskDefinition.Kind.JAVA, null, location, instantiate(type, location));
    }

    private static Supplier<UpgradeTask> instantiate(Class<?> type, String location) {
        return () -> {
            try {
                return (UpgradeTask) type.getConstructor().newInstance();
            } catch (ReflectiveOperationException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                throw new UpsilonException(ErrorCode.INVALID_MANIFEST, location + ": cannot create task "
                        + type.getName() + ": " + cause + "; its constructor must not fail", cause);
            }
        };
    }

    /**
     * A SQL script entry's text and checksum, each read once on first use, and its undo script (the same path with
     * {@code .undo.sql}), read when asked for. One object per entry: a manifest of a thousand scripts makes a thousand
     * of them on every start-up, before the JIT has compiled anything.
     */
    private static final class Script implements Supplier<String> {
        private final Manifest.ScriptSource scripts;
        private final String name;
        private final String location;
        private String text;
        private String checksum;

        Script(Manifest.ScriptSource scripts, String name, String location) {
            this.scripts = scripts;
            this.name = name;
            this.location = location;
        }

        /** The text as written. */
        @Override
        public synchronized String get() {
            if (text == null) {
                text = scripts.read(name).orElseThrow(() -> new UpsilonException(ErrorCode.INVALID_MANIFEST,
                        location + ": SQL script '" + Texts.quote(name) + "' can no longer be read"));
            }
            return text;
        }

        /**
         * The checksum, the script checked whole first: the upgrade asks every script of its plan for its checksum
         * before it runs any.
         */
        synchronized String checksum() {
            if (checksum == null) {
                ScriptTasks.create(name, get(), null);
                checksum = ManifestParser.checksum(get());
            }
            return checksum;
        }

        /** The undo script's text, or null when there is none. */
        String undo() {
            return scripts.read(name.substring(0, name.length() - 4) + ".undo.sql").orElse(null);
        }
    }

    static String checksum(String script) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(script.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private UpsilonException error(int lineNo, String message) {
        return new UpsilonException(ErrorCode.INVALID_MANIFEST, source + ":" + lineNo + ": " + message);
    }
}
