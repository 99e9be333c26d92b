package io.upsilon.release;

import io.upsilon.CompatibilityWindow;
import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One release descriptor: a software version, the API versions its nodes serve, the data version it brings, and the
 * data versions its code runs against (its compatibility window). Immutable.
 *
 * <p>Contract: the version and data version are present; at least one API version is served; {@code runsOn} is
 * either empty, meaning "not declared" (a {@link ReleaseSet} then gives it the default window: its own data version
 * and the one before it, N-1), or contains the release's own data version. Violations are refused with
 * {@link ErrorCode#BAD_INPUT} naming {@link #location()}.
 *
 * @param version     the software version
 * @param apiVersions the API versions its nodes serve, in the order given, without repeats (e.g. {@code v1}, {@code v2})
 * @param dataVersion the data version its upgrade tasks bring the store to
 * @param runsOn      the data versions its code can run against, ascending; empty when not declared
 * @param location    where it was written, as {@code file:line}, for error messages; {@code "?"} when built in code
 */
public record Release(Version version, List<String> apiVersions, Version dataVersion, SortedSet<Version> runsOn,
                      String location) {

    public Release {
        location = location == null || location.isBlank() ? "?" : location;
        if (version == null) {
            throw bad(location, "a release needs a version");
        }
        if (dataVersion == null) {
            throw bad(location, "release " + version + " needs a dataVersion (the data version it brings)");
        }
        if (apiVersions == null || apiVersions.isEmpty()) {
            throw bad(location, "release " + version + " serves no API version; list at least one under apiVersions");
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String api : apiVersions) {
            if (api == null || api.isBlank()) {
                throw bad(location, "release " + version + " lists a blank API version");
            }
            if (!distinct.add(api.strip())) {
                throw bad(location, "release " + version + " lists API version " + api.strip() + " twice");
            }
        }
        apiVersions = List.copyOf(distinct);
        runsOn = Collections.unmodifiableSortedSet(new TreeSet<>(runsOn == null ? Set.of() : runsOn));
        if (!runsOn.isEmpty() && !runsOn.contains(dataVersion)) {
            throw bad(location, "release " + version + " runsOn " + runsOn + " leaves out its own data version "
                    + dataVersion + "; add it (a release's code always runs against the data it brings)");
        }
    }

    /** A release built in code, e.g. in tests; {@code runsOn} empty means the default window. */
    public static Release of(String version, List<String> apiVersions, String dataVersion, String... runsOn) {
        SortedSet<Version> window = new TreeSet<>();
        for (String v : runsOn) {
            window.add(Version.parse(v));
        }
        return new Release(Version.parse(version), apiVersions, Version.parse(dataVersion), window, "?");
    }

    /** Whether {@code runsOn} was declared; a release from a {@link ReleaseSet} always has it. */
    public boolean declaresWindow() {
        return !runsOn.isEmpty();
    }

    /** A copy with another window (used by {@link ReleaseSet} to fill in the default). */
    Release withRunsOn(SortedSet<Version> window) {
        return new Release(version, apiVersions, dataVersion, window, location);
    }

    /** Whether this release's code can run against {@code data}. */
    public boolean runsOn(Version data) {
        return runsOn.contains(data);
    }

    /** Whether its nodes serve {@code api}. */
    public boolean serves(String api) {
        return apiVersions.contains(api);
    }

    /**
     * The same window as the readiness feature's {@link CompatibilityWindow}, so a node and the release planner
     * share one source of truth.
     *
     * @throws UpsilonException {@link ErrorCode#BAD_INPUT} when the window was not declared and this release did
     *                          not come from a {@link ReleaseSet} (which fills in the default)
     */
    public CompatibilityWindow compatibilityWindow() {
        return CompatibilityWindow.of(runsOn);
    }

    @Override
    public String toString() {
        return version.toString();
    }

    private static UpsilonException bad(String location, String message) {
        return new UpsilonException(ErrorCode.BAD_INPUT, location + ": " + message);
    }
}
