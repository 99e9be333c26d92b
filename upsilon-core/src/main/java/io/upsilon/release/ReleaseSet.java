package io.upsilon.release;

import io.upsilon.CompatibilityWindow;
import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The releases of one descriptor file, checked and ordered by version. Immutable.
 *
 * <p>{@link #of} refuses, with {@link ErrorCode#BAD_INPUT} and the {@code file:line} of the offending release:
 * <ul>
 *   <li>an empty set;</li>
 *   <li>a <b>duplicate version</b> (versions compare by value, so {@code 1.0} and {@code 1.0.0} are the same);</li>
 *   <li>an <b>unknown data version</b>: a {@code runsOn} entry that no release of the set brings;</li>
 *   <li>a <b>cycle</b>: a release whose data version is older than that of an earlier release. Releases are
 *       applied in version order and the data version only moves forward during an upgrade, so such a release would
 *       take the data version back to where it has been (or below): the walk of data versions along the releases
 *       loops instead of forming a chain. Descriptors have no explicit edges, so this is the only way to write one.</li>
 * </ul>
 * A release that does not declare {@code runsOn} gets the default compatibility window of the design: its own data
 * version and the data version before it among the set's data versions (N-1).
 */
public final class ReleaseSet {

    private final String source;
    private final List<Release> releases;
    private final Map<Version, Release> byVersion;
    private final NavigableSet<Version> dataVersions;

    private ReleaseSet(String source, List<Release> releases, NavigableSet<Version> dataVersions) {
        this.source = source;
        this.releases = List.copyOf(releases);
        this.dataVersions = Collections.unmodifiableNavigableSet(dataVersions);
        Map<Version, Release> map = new HashMap<>();
        releases.forEach(r -> map.put(r.version(), r));
        this.byVersion = map;
    }

    /**
     * Checks {@code releases} (in the order written, which is the order errors are reported in) and orders them by
     * version.
     *
     * @param source where they came from (a file name), for messages
     * @throws UpsilonException {@link ErrorCode#BAD_INPUT} for the first problem found, naming its line
     */
    public static ReleaseSet of(String source, List<Release> releases) {
        if (releases.isEmpty()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, source + ": lists no releases; add at least one under"
                    + " 'releases:'");
        }
        Map<Version, Release> seen = new HashMap<>();
        for (Release r : releases) {
            Release first = seen.putIfAbsent(r.version(), r);
            if (first != null) {
                throw bad(r, "release " + r.version() + " is listed twice (first at " + first.location()
                        + "); keep one entry per version");
            }
        }
        NavigableSet<Version> dataVersions = new TreeSet<>();
        releases.forEach(r -> dataVersions.add(r.dataVersion()));
        for (Release r : releases) {
            for (Version data : r.runsOn()) {
                if (!dataVersions.contains(data)) {
                    throw bad(r, "release " + r.version() + " runsOn data version " + data + ", which no release"
                            + " brings (known data versions: " + dataVersions + "); fix the version or add the"
                            + " release that brings it");
                }
            }
        }
        List<Release> sorted = new ArrayList<>(releases);
        sorted.sort(Comparator.comparing(Release::version));
        checkNoCycle(sorted);
        List<Release> resolved = new ArrayList<>(sorted.size());
        for (Release r : sorted) {
            if (r.declaresWindow()) {
                resolved.add(r);
            } else {
                TreeSet<Version> window = new TreeSet<>();
                window.add(r.dataVersion());
                Optional.ofNullable(dataVersions.lower(r.dataVersion())).ifPresent(window::add);
                resolved.add(r.withRunsOn(window));
            }
        }
        return new ReleaseSet(source, resolved, dataVersions);
    }

    /** Data versions must not go backwards as versions go forward; the first release that does is reported. */
    private static void checkNoCycle(List<Release> sorted) {
        Release highest = null;
        for (Release r : sorted) {
            if (highest != null && r.dataVersion().isBefore(highest.dataVersion())) {
                throw bad(r, "cycle: release " + r.version() + " brings data version " + r.dataVersion()
                        + ", older than data version " + highest.dataVersion() + " of the earlier release "
                        + highest.version() + " (" + highest.location() + "), so upgrading would take the data"
                        + " version back from " + highest.dataVersion() + " to " + r.dataVersion() + "; give "
                        + r.version() + " data version " + highest.dataVersion() + " or later, or fix the versions");
            }
            if (highest == null || r.dataVersion().isAfter(highest.dataVersion())) {
                highest = r;
            }
        }
    }

    private static UpsilonException bad(Release r, String message) {
        return new UpsilonException(ErrorCode.BAD_INPUT, r.location() + ": " + message);
    }

    /** Where the releases came from, as given to {@link #of}. */
    public String source() {
        return source;
    }

    /** Every release, ascending by version, each with its window resolved. */
    public List<Release> releases() {
        return releases;
    }

    /** Every data version some release brings, ascending. */
    public NavigableSet<Version> dataVersions() {
        return dataVersions;
    }

    /** The release of {@code version}, if the set has it. */
    public Optional<Release> find(Version version) {
        return Optional.ofNullable(byVersion.get(version));
    }

    /**
     * The release of {@code version}.
     *
     * @throws UpsilonException {@link ErrorCode#UNKNOWN_VERSION} listing the versions the set has
     */
    public Release get(Version version) {
        Release r = byVersion.get(version);
        if (r == null) {
            throw new UpsilonException(ErrorCode.UNKNOWN_VERSION, "release " + version + " is not in " + source
                    + "; pick one of " + releases.stream().map(Release::version).toList());
        }
        return r;
    }

    /** The compatibility window of release {@code version}, as the readiness feature uses it. */
    public CompatibilityWindow window(Version version) {
        return get(version).compatibilityWindow();
    }
}
