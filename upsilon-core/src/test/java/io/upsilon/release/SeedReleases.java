package io.upsilon.release;

import java.util.List;

/** The Mojaloop quoteId changelog of seed 002 as release descriptors, the same as {@code examples/releases.yaml}. */
final class SeedReleases {

    private SeedReleases() {
    }

    static List<Release> list() {
        return List.of(
                Release.of("1.0.0", List.of("v1"), "1.0.0", "1.0.0", "1.0.1"),
                Release.of("1.0.1", List.of("v1"), "1.0.1", "1.0.0", "1.0.1"),
                Release.of("1.0.2", List.of("v1", "v2"), "1.0.1", "1.0.1"),
                Release.of("2.0.0", List.of("v2"), "1.0.1", "1.0.1", "2.0.0"),
                Release.of("2.0.1", List.of("v2"), "2.0.0", "1.0.1", "2.0.0"));
    }

    static ReleaseSet set() {
        return ReleaseSet.of("releases.yaml", list());
    }
}
