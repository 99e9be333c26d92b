package io.upsilon.report;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain text table, columns padded to their widest cell, as the reports print their rows ({@link NodeRow#table},
 * {@link TaskRow#table}). A null cell reads {@code -}. A header of empty strings is not printed, which makes a
 * two-column "name  value" list. Lines carry no trailing blanks.
 */
public final class TextTable {

    private final List<String[]> rows = new ArrayList<>();

    /** A table with these column headers; all empty for none. */
    public TextTable(String... headers) {
        rows.add(headers);
    }

    /** Adds a row of as many cells as there are headers, each written with {@link String#valueOf(Object)}. */
    public TextTable row(Object... cells) {
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = cells[i] == null ? "-" : String.valueOf(cells[i]);
        }
        rows.add(text);
        return this;
    }

    /** The table's lines, each starting with {@code indent}. */
    public List<String> lines(String indent) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        boolean header = Arrays.stream(rows.get(0)).anyMatch(cell -> !cell.isEmpty());
        List<String> lines = new ArrayList<>();
        for (String[] row : header ? rows : rows.subList(1, rows.size())) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < columns; i++) {
                // no padding after the last column, so lines carry no trailing blanks
                line.append(i == columns - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            lines.add(line.toString().stripTrailing());
        }
        return lines;
    }

    /** {@link #lines} as one text, each line ended by a newline. */
    public String text(String indent) {
        StringBuilder text = new StringBuilder();
        lines(indent).forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /** Prints {@link #lines} to {@code out}, one {@code println} each. */
    public void print(PrintWriter out, String indent) {
        lines(indent).forEach(out::println);
    }
}
