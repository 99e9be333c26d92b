package io.upsilon.migrate.pg;

import java.util.List;

/**
 * Renders values for {@code COPY … (FORMAT csv)}: every non-null value quoted (so an empty string stays an empty
 * string), NULL as nothing at all.
 */
final class Csv {

    private Csv() {
    }

    static void append(StringBuilder out, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(',');
            }
            String v = values.get(i);
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
