package io.upsilon.internal;

import io.upsilon.BaselineResult;
import io.upsilon.ErrorCode;
import io.upsilon.ForeignMigration;
import io.upsilon.ForeignMigration.Tool;
import io.upsilon.ForeignMigration.Type;
import io.upsilon.Manifest;
import io.upsilon.TaskDefinition;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Works out what a baseline records: from a version (every task at or below it), or by mapping another tool's
 * history onto the manifest. Pure; the rows it returns are written by the store in one fenced transaction.
 *
 * <p>How a manifest task matches the other tool's rows, first rule that applies:
 * <ol>
 *   <li>by script: the task's path and the row's script (Flyway) or changelog file (Liquibase) are the same file:
 *       one ends with the other on a {@code /} boundary ({@code sql/V1_2__add.sql} matches {@code V1_2__add.sql});
 *       a Java task matches a Flyway Java migration of the same class name;</li>
 *   <li>by Liquibase changeset id: the id equals the task's file name without {@code .sql} (or its simple class
 *       name);</li>
 *   <li>by version: a Flyway versioned row whose version equals the task's manifest version, or Flyway's baseline
 *       marker at or above it.</li>
 * </ol>
 * A Flyway SQL row matched by script must carry the checksum Flyway computes for the task's script now, or the
 * baseline is refused (the script changed since Flyway ran it). Refused too: a failed row; a versioned row or
 * changeset that matches no task (the manifest does not describe the database); a task applied in a version after
 * one that is not. Ignored, and listed: repeatable migrations and Flyway markers that match nothing. The data version
 * becomes the highest manifest version whose tasks, and all earlier ones, are applied; applied tasks of the next
 * version are recorded too, so the upgrade resumes after them.
 */
public final class Baseliner {

    private final Manifest manifest;
    private final String nodeId;
    private final long token;

    public Baseliner(Manifest manifest, String nodeId, long token) {
        this.manifest = manifest;
        this.nodeId = nodeId;
        this.token = token;
    }

    /** Every task at or below {@code version}, which must be a manifest version. */
    public BaselineResult fromVersion(Version version) {
        if (!manifest.contains(version)) {
            throw new UpsilonException(ErrorCode.UNKNOWN_VERSION, "cannot baseline at " + version + ": it is not a"
                    + " version of manifest " + manifest.source() + "; pick one of " + manifest.versions());
        }
        Instant now = Instant.now();
        List<TaskRecord> rows = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        for (Version v : manifest.between(Optional.empty(), version)) {
            for (TaskDefinition task : manifest.tasks(v)) {
                rows.add(row(task, "baseline", now));
                sources.add("baseline " + version);
            }
        }
        return new BaselineResult(version, rows, sources, List.of());
    }

    /** The mapping of another tool's history; see the class comment for the rules. */
    public BaselineResult fromForeign(List<ForeignMigration> migrations) {
        String tool = migrations.isEmpty() ? "the other tool" : name(migrations.get(0).tool());
        for (ForeignMigration m : migrations) {
            if (!m.succeeded()) {
                throw refused(m.describe() + " failed; fix the database and remove the failed row ("
                        + (m.tool() == Tool.FLYWAY ? "'flyway repair'" : "delete it from DATABASECHANGELOG")
                        + "), then run the baseline again");
            }
        }
        Map<TaskDefinition, ForeignMigration> applied = new LinkedHashMap<>();
        // a row that is some task's script never stands for a whole version
        List<ForeignMigration> scripts = migrations.stream().filter(m -> manifest.allTasks().stream()
                .anyMatch(t -> matchByScript(t, m).isPresent())).toList();
        for (TaskDefinition task : manifest.allTasks()) {
            match(task, migrations, scripts).ifPresent(m -> applied.put(task, m));
        }
        List<ForeignMigration> unmatched = migrations.stream().filter(m -> !accounted(m, applied)).toList();
        long unknown = unmatched.stream().filter(m -> m.type() == Type.VERSIONED || m.type() == Type.CHANGESET)
                .count();
        List<String> ignored = new ArrayList<>();
        for (ForeignMigration m : unmatched) {
            switch (m.type()) {
                case REPEATABLE -> ignored.add(m.describe() + ": a repeatable migration not in the manifest; what it"
                        + " created stays, Upsilon never re-runs it; to change it, add a new task");
                case SCHEMA -> ignored.add(m.describe() + ": nothing to map");
                case BASELINE -> ignored.add(m.describe() + ": no manifest version at or below it");
                default -> throw refused(m.describe() + " matches no task of manifest " + manifest.source() + " ("
                        + unknown + (unknown == 1 ? " such row" : " such rows") + "); add it to the manifest (e.g. '  - "
                        + suggestion(m) + "' under the version it belongs to), then run the baseline again");
            }
        }
        Version dataVersion = dataVersion(applied, tool);
        List<TaskRecord> rows = new ArrayList<>();
        List<String> sources = new ArrayList<>();
        applied.forEach((task, m) -> {
            rows.add(row(task, name(m.tool()).toLowerCase(java.util.Locale.ROOT), m.appliedAt()));
            sources.add(m.describe() + verified(task, m));
        });
        return new BaselineResult(dataVersion, rows, sources, ignored);
    }

    private Version dataVersion(Map<TaskDefinition, ForeignMigration> applied, String tool) {
        Version dataVersion = null;
        Version incomplete = null;
        for (Version v : manifest.versions()) {
            List<TaskDefinition> tasks = manifest.tasks(v);
            long done = tasks.stream().filter(applied::containsKey).count();
            if (incomplete != null && done > 0) {
                TaskDefinition late = tasks.stream().filter(applied::containsKey).findFirst().orElseThrow();
                TaskDefinition missing = manifest.tasks(incomplete).stream().filter(t -> !applied.containsKey(t))
                        .findFirst().orElseThrow();
                throw refused("task " + late.name() + " of version " + v + " was applied by " + tool + " but task "
                        + missing.name() + " of the earlier version " + incomplete + " was not; order the manifest"
                        + " as the migrations ran, then run the baseline again");
            }
            if (done == tasks.size() && incomplete == null) {
                dataVersion = v;
            } else if (incomplete == null) {
                incomplete = v;
            }
        }
        if (dataVersion == null) {
            throw refused("no version of manifest " + manifest.source() + " is fully applied according to " + tool
                    + "'s history; check the manifest's first version, or use 'upsilon baseline --baseline-version V'");
        }
        return dataVersion;
    }

    private Optional<ForeignMigration> match(TaskDefinition task, List<ForeignMigration> migrations,
                                             List<ForeignMigration> scripts) {
        // by script: the latest matching row (a repeatable migration has one per run)
        Optional<ForeignMigration> byScript = migrations.stream().filter(m -> matchByScript(task, m).isPresent())
                .max(Comparator.comparing(ForeignMigration::appliedAt));
        if (byScript.isPresent()) {
            checkChecksum(task, byScript.get());
            return byScript;
        }
        String base = baseName(task);
        Optional<ForeignMigration> byId = migrations.stream().filter(m -> m.type() == Type.CHANGESET
                && m.id().map(base::equals).orElse(false)).findFirst();
        if (byId.isPresent()) {
            return byId;
        }
        return migrations.stream().filter(m -> (m.type() == Type.VERSIONED && sameVersion(m, task.version())
                && !scripts.contains(m))
                || (m.type() == Type.BASELINE && atOrAbove(m, task.version()))).findFirst();
    }

    private static Optional<ForeignMigration> matchByScript(TaskDefinition task, ForeignMigration m) {
        if (m.type() == Type.BASELINE || m.type() == Type.SCHEMA) {
            return Optional.empty();
        }
        String a = normalize(task.name());
        String b = normalize(m.script());
        boolean same = a.equals(b) || a.endsWith("/" + b) || b.endsWith("/" + a);
        return same ? Optional.of(m) : Optional.empty();
    }

    private void checkChecksum(TaskDefinition task, ForeignMigration m) {
        if (m.tool() != Tool.FLYWAY || task.script().isEmpty() || m.checksum().isEmpty()) {
            return;
        }
        String expected = Integer.toString(FlywayChecksum.of(task.script().get()));
        if (!expected.equals(m.checksum().get())) {
            throw refused(m.describe() + ": script " + task.name() + " changed since Flyway ran it (Flyway's checksum "
                    + m.checksum().get() + ", the script's now " + expected + "); restore the script as it ran (or"
                    + " run 'flyway repair' if the change is harmless), then run the baseline again");
        }
    }

    private static String verified(TaskDefinition task, ForeignMigration m) {
        boolean checked = m.tool() == Tool.FLYWAY && task.script().isPresent() && m.checksum().isPresent()
                && matchByScript(task, m).isPresent();
        return checked ? ", checksum verified" : "";
    }

    /**
     * Whether a row is accounted for by the applied tasks: it is one's match, it is the same file as one's match
     * (an earlier run of a repeatable migration, another changeset of the same changelog file), or it is a versioned
     * row of a version whose tasks matched by version.
     */
    private static boolean accounted(ForeignMigration m, Map<TaskDefinition, ForeignMigration> applied) {
        return applied.entrySet().stream().anyMatch(e -> e.getValue().equals(m)
                || matchByScript(e.getKey(), m).isPresent()
                || (m.type() == Type.VERSIONED && matchByScript(e.getKey(), e.getValue()).isEmpty()
                    && sameVersion(m, e.getKey().version())));
    }

    private static String suggestion(ForeignMigration m) {
        return m.script().endsWith(".sql") ? "sql/" + normalize(m.script()).replaceAll(".*/", "") : m.script();
    }

    private static boolean sameVersion(ForeignMigration m, Version version) {
        return m.version().filter(Version::isValid).map(v -> Version.parse(v).equals(version)).orElse(false);
    }

    private static boolean atOrAbove(ForeignMigration m, Version version) {
        return m.version().filter(Version::isValid).map(v -> !Version.parse(v).isBefore(version)).orElse(false);
    }

    private static String baseName(TaskDefinition task) {
        String name = normalize(task.name()).replaceAll(".*/", "");
        return task.kind() == TaskDefinition.Kind.SQL ? name.substring(0, name.length() - 4)
                : name.substring(name.lastIndexOf('.') + 1);
    }

    private static String normalize(String path) {
        String p = path.replace('\\', '/');
        if (p.startsWith("classpath:")) {
            p = p.substring("classpath:".length());
        }
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        return p;
    }

    private TaskRecord row(TaskDefinition task, String source, Instant at) {
        return new TaskRecord(0, task.version(), task.name(), task.checksum(), TaskStatus.BASELINE,
                nodeId + " (" + source + ")", token, at, Optional.of(at), Optional.empty());
    }

    private static String name(Tool tool) {
        return tool == Tool.FLYWAY ? "Flyway" : "Liquibase";
    }

    private static UpsilonException refused(String message) {
        return new UpsilonException(ErrorCode.BASELINE_REFUSED, "baseline refused: " + message);
    }
}
