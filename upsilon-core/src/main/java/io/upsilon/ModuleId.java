package io.upsilon;

import java.util.Objects;
import java.util.Optional;

/**
 * An Okapi-style module id: a name, optionally followed by {@code -} and a {@link Version}.
 *
 * <p>{@code mod-users-12.1.0} has name {@code mod-users} and version {@code 12.1.0}; {@code mod-foo} has no version.
 * The version starts at the first {@code -} that is followed by a digit and from which the rest parses as a version.
 * Ids order by name, then by version (an id without a version first), never by their text.
 */
public final class ModuleId implements Comparable<ModuleId> {

    private final String name;
    private final Version version;

    private ModuleId(String name, Version version) {
        this.name = name;
        this.version = version;
    }

    /**
     * Parses a module id.
     *
     * @throws UpsilonException with {@link ErrorCode#BAD_INPUT} when the id is empty or has no name part
     */
    public static ModuleId parse(String id) {
        String text = id == null ? "" : id.trim();
        for (int i = text.indexOf('-'); i > 0; i = text.indexOf('-', i + 1)) {
            String rest = text.substring(i + 1);
            if (!rest.isEmpty() && Character.isDigit(rest.charAt(0)) && Version.isValid(rest)) {
                return new ModuleId(text.substring(0, i), Version.parse(rest));
            }
        }
        if (text.isEmpty() || text.startsWith("-") || Character.isDigit(text.charAt(0))) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "invalid module id '" + Texts.quote(id)
                    + "': expected a name such as mod-users, optionally followed by -VERSION (mod-users-12.1.0)");
        }
        return new ModuleId(text, null);
    }

    public static ModuleId of(String name, Version version) {
        return new ModuleId(Objects.requireNonNull(name, "name"), version);
    }

    public String name() {
        return name;
    }

    public Optional<Version> version() {
        return Optional.ofNullable(version);
    }

    @Override
    public int compareTo(ModuleId other) {
        int byName = name.compareTo(other.name);
        if (byName != 0) {
            return byName;
        }
        if (version == null || other.version == null) {
            return Boolean.compare(version != null, other.version != null);
        }
        return version.compareTo(other.version);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModuleId m && name.equals(m.name) && Objects.equals(version, m.version);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, version);
    }

    @Override
    public String toString() {
        return version == null ? name : name + "-" + version;
    }
}
