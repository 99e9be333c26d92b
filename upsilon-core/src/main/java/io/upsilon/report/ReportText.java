package io.upsilon.report;

import io.upsilon.Version;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * How values read in the text of reports ({@code describe()}, {@code summary()}, {@link TextTable}s): the same
 * words in the CLI, a service's log and its admin pages.
 */
public final class ReportText {

    /** Only static methods; open so that a program may name them after itself. */
    private ReportText() {
    }

    /** The version, or {@code none} when there is none (a fresh store). */
    public static String version(Optional<Version> version) {
        return version.map(Version::toString).orElse("none");
    }

    /** Under a second in milliseconds ({@code 420 ms}), else in seconds with one decimal ({@code 4.2 s}). */
    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis < 1000 ? millis + " ms" : String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }

    /** {@link #duration(Duration)} of {@code millis}; {@code -} when null (still running, never held). */
    public static String duration(Long millis) {
        return millis == null ? "-" : duration(Duration.ofMillis(millis));
    }

    /**
     * A coarse age for things that may be seconds or days old: {@code 4.2 s} under two minutes, then {@code 12 min},
     * {@code 3 h}, {@code 5 d}; a negative age (clocks apart) reads as {@code 0 ms}.
     */
    public static String age(long millis) {
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

    /** {@code 1 node}, {@code 3 nodes}: the count and the noun with an added "s" unless the count is one. */
    public static String plural(int count, String noun) {
        return count + " " + noun + (count == 1 ? "" : "s");
    }

    /** For nouns whose plural is not just an added "s": {@code plural(3, "entity", "entities")}. */
    public static String plural(long count, String noun, String nouns) {
        return count + " " + (count == 1 ? noun : nouns);
    }
}
