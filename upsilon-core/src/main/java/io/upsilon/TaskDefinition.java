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

    TaskDefinition(Version version, String name, Kind kind, Supplier<String> checksum, String location,
                   Supplier<UpgradeTask> factory) {
        this.version = Objects.requireNonNull(version);
        this.name = Objects.requireNonNull(name);
        this.kind = Objects.requireNonNull(kind);
        this.checksum = checksum;
        this.location = location;
        this.factory = Objects.requireNonNull(factory);
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
