package io.upsilon.migrate.spi;

import io.upsilon.migrate.Row;
import java.util.List;

/**
 * Rows for one target table, written by key: a row whose key exists replaces it, so writing twice is harmless.
 *
 * @param table the target table
 * @param key   its key fields
 * @param rows  the rows
 */
public record Batch(String table, List<String> key, List<Row> rows) {

    public Batch {
        key = List.copyOf(key);
        rows = List.copyOf(rows);
    }
}
