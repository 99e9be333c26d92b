package io.upsilon.cli;

import io.upsilon.Version;
import io.upsilon.report.ReportText;
import java.time.Duration;
import java.util.Optional;

/** How values read in text output: the library's {@link ReportText}, under the name the commands use. */
final class Text {

    private Text() {
    }

    static String version(Optional<Version> version) {
        return ReportText.version(version);
    }

    static String duration(Duration duration) {
        return ReportText.duration(duration);
    }

    static String duration(Long millis) {
        return ReportText.duration(millis);
    }

    static String age(long millis) {
        return ReportText.age(millis);
    }

    static String plural(int count, String noun) {
        return ReportText.plural(count, noun);
    }

    static String plural(long count, String noun, String nouns) {
        return ReportText.plural(count, noun, nouns);
    }
}
