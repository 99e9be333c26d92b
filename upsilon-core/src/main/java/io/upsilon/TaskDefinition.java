package io.upsilon;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One task entry of the manifest: the version it belongs to, its name as written (a Java class name or a SQL script
 * path), where it was written, and how to make the task.
 */
public final class TaskDefinition {

    /** What kind of entry a task is. */
    public enum Kind { JAVA, SQL }

    private final Version version;
    private final String name;
    private final Kind kind;
    private final Supplier<String> checksum;
    private final String location;
    private final Supplier<UpgradeTask> factory;
    private final Supplier<String> script;
    private final Supplier<String> undoScript;

    TaskDefinition(Version version, String name, Kind kind, Supplier<String> checksum, String location,
                   Supplier<UpgradeTask> factory) {
        this(version, name, kind, checksum, location, factory, null, null);
    }

    /** A SQL script entry; {@code undoScript} supplies null when the script has no undo script beside it. */
    static TaskDefinition sql(Version version, String name, Supplier<String> checksum, String location,
                              Supplier<String> script, Supplier<String> undoScript) {
        return new TaskDefinition(version, name, Kind.SQL, checksum, location,
                () -> ScriptTasks.create(name, script.get(), undoScript.get()), script, undoScript);
    }

    private TaskDefinition(Version version, String name, Kind kind, Supplier<String> checksum, String location,
                           Supplier<UpgradeTask> factory, Supplier<String> script, Supplier<String> undoScript) {
        this.version = Objects.requireNonNull(version);
        this.name = Objects.requireNonNull(name);
        this.kind = Objects.requireNonNull(kind);
        this.checksum = checksum;
        this.location = location;
        this.factory = Objects.requireNonNull(factory);
        this.script = script;
        this.undoScript = undoScript;
    }

    /**
     * This task with {@code placeholders} replaced in its SQL script (and undo script, when {@code rollback}); the
     * same definition for a Java task. The script is read and checked now, so an unknown placeholder fails before any
     * task runs. The checksum stays the one of the script as written.
     *
     * @throws UpsilonException {@link ErrorCode#UNKNOWN_PLACEHOLDER} naming the script and the placeholder
     */
    public TaskDefinition withPlaceholders(Placeholders placeholders, boolean rollback) {
        if (script == null) {
            return this;
        }
        String text = rollback ? null : placeholders.apply(script.get(), location + " (" + name + ")");
        String undoText = undoScript.get();
        String undo = undoText == null || !rollback ? undoText
                : placeholders.apply(undoText, location + " (undo script of " + name + ")");
        return new TaskDefinition(version, name, kind, checksum, location,
                () -> ScriptTasks.create(name, text != null ? text : script.get(), undo), script, undoScript);
    }

    /** A definition for a task built in code rather than read from a manifest file. */
    public static TaskDefinition of(Version version, String name, Supplier<UpgradeTask> factory) {
        return new TaskDefinition(version, name, Kind.JAVA, null, name, factory);
    }

    public Version version() {
        return version;
    }

    /** The entry as written: a fully qualified class name or a script path relative to the manifest. */
    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The SHA-256 of a SQL script's text (line endings normalised); empty for Java tasks. Computed on first use, so
     * a start-up with nothing pending never reads the scripts.
     */
    public Optional<String> checksum() {
        return checksum == null ? Optional.empty() : Optional.of(checksum.get());
    }

    /** A SQL script's text as written, before placeholders are replaced; empty for Java tasks. Read on first use. */
    public Optional<String> script() {
        return script == null ? Optional.empty() : Optional.of(script.get());
    }

    /** Where the entry was written, as {@code file:line}, for error messages. */
    public String location() {
        return location;
    }

    /** A new instance of the task. */
    public UpgradeTask newTask() {
        try {
            return factory.get();
        } catch (UpsilonException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new UpsilonException(ErrorCode.INVALID_MANIFEST, location + ": cannot create task '" + name + "': "
                    + e + "; give it a public no-argument constructor", e);
        }
    }

    @Override
    public String toString() {
        return version + ":" + name;
    }
}
