package io.upsilon.cli;

import io.upsilon.report.ReportText;

/** How values read in text output: the library's {@link ReportText}, under the name the commands use. */
final class Text extends ReportText {

    private Text() {
    }
}
