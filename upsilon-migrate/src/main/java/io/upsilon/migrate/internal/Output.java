package io.upsilon.migrate.internal;

import io.upsilon.migrate.Row;
import java.util.List;

/**
 * A row on its way to a target table. Each source row starts as one main output (the entity's own target table);
 * a split adds outputs for other tables.
 *
 * @param table the target table
 * @param key   the target table's key fields
 * @param row   the row
 * @param main  whether this is the entity's own row (the declared transforms apply to it)
 */
record Output(String table, List<String> key, Row row, boolean main) {
}
