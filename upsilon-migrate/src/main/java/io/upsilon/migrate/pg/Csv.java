package io.upsilon.migrate.pg;

import io.upsilon.migrate.Row;
import java.util.List;

/**
 * Renders values for {@code COPY … (FORMAT csv)}: every non-null value quoted (so an empty string stays an empty
 * string), NULL as nothing at all.
 */
final class Csv {

    private Csv() {
    }

    static void append(StringBuilder out, Row row, List<String> columns) {
        for (int i = 0; i < columns.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String v = row.get(columns.get(i));
            if (v != null) {
                out.append('"');
                for (int j = 0; j < v.length(); j++) {
                    char ch = v.charAt(j);
                    if (ch == '"') {
                        out.append('"');
                    }
                    out.append(ch);
                }
                out.append('"');
            }
        }
        out.append('\n');
    }
}
