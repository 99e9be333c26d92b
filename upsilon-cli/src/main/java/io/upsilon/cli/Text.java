package io.upsilon.cli;

import io.upsilon.Version;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/** How values read in text output. */
final class Text {

    private Text() {
    }

    static String version(Optional<Version> version) {
        return version.map(Version::toString).orElse("none");
    }

    static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    static String duration(Long millis) {
        return millis == null ? "-" : duration(Duration.ofMillis(millis));
    }

    static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }
}
