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

    /** A coarse age for things that may be seconds or days old: "4.2 s", "12 min", "3 h", "5 d". */
    static String age(long millis) {
        if (millis < 120_000) {
            return duration(Duration.ofMillis(Math.max(0, millis)));
        }
        long minutes = millis / 60_000;
        if (minutes < 120) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        return hours < 48 ? hours + " h" : hours / 24 + " d";
    }

    static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** For nouns whose plural is not just an added "s": plural(3, "entity", "entities"). */
    static String plural(long count, String noun, String nouns) {
        return count + " " + (count == 1 ? noun : nouns);
    }
}
