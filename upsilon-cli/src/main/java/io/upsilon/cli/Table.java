package io.upsilon.cli;

import io.upsilon.report.TextTable;

/** The library's {@link TextTable} under the name the commands use. */
final class Table extends TextTable {

    Table(String... headers) {
        super(headers);
    }
}
