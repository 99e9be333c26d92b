package io.upsilon;

import java.util.Collection;
import java.util.Collections;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The data versions a software version can serve. By default its own data version (the highest manifest version at
 * or below the software version) and the one before it in the manifest (N-1); a service can declare its own.
 */
public final class CompatibilityWindow {

    private final NavigableSet<Version> versions;

    private CompatibilityWindow(Collection<Version> versions) {
        this.versions = Collections.unmodifiableNavigableSet(new TreeSet<>(versions));
    }

    /** The default window: the software's own data version and the previous manifest version. */
    public static CompatibilityWindow defaultFor(Manifest manifest, Version softwareVersion) {
        TreeSet<Version> set = new TreeSet<>();
        manifest.floor(softwareVersion).ifPresent(own -> {
            set.add(own);
            manifest.previous(own).ifPresent(set::add);
        });
        return new CompatibilityWindow(set);
    }

    /**
     * A declared window.
     *
     * @throws UpsilonException {@link ErrorCode#BAD_INPUT} when it is empty
     */
    public static CompatibilityWindow of(Collection<Version> versions) {
        if (versions.isEmpty()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "a compatibility window needs at least one data version");
        }
        return new CompatibilityWindow(versions);
    }

    /**
     * Whether a node can serve {@code dataVersion}. A fresh store (no data version) is served only by software that
     * needs no data version at all (an empty window).
     */
    public boolean serves(Optional<Version> dataVersion) {
        return dataVersion.map(versions::contains).orElse(versions.isEmpty());
    }

    /** Whether {@code dataVersion} is newer than anything in the window: the data has moved on without this node. */
    public boolean isBehind(Optional<Version> dataVersion) {
        return dataVersion.isPresent() && !versions.isEmpty() && dataVersion.get().isAfter(versions.last());
    }

    /** The versions, ascending. */
    public NavigableSet<Version> versions() {
        return versions;
    }

    @Override
    public String toString() {
        return versions.toString();
    }
}
