package io.upsilon.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A plain text table, columns padded to their widest cell. A header of empty strings is not printed, which makes
 * a two-column "name  value" list.
 */
final class Table {

    private final List<String[]> rows = new ArrayList<>();

    Table(String... headers) {
        rows.add(headers);
    }

    Table row(Object... cells) {
        String[] text = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            text[i] = cells[i] == null ? "-" : String.valueOf(cells[i]);
        }
        rows.add(text);
        return this;
    }

    void print(PrintWriter out, String indent) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        boolean header = Arrays.stream(rows.get(0)).anyMatch(cell -> !cell.isEmpty());
        for (String[] row : header ? rows : rows.subList(1, rows.size())) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < columns; i++) {
                // no padding after the last column, so lines carry no trailing blanks
                line.append(i == columns - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
