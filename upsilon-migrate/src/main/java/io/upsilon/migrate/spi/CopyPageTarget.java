package io.upsilon.migrate.spi;

import java.util.List;

/**
 * An optional capability of a {@link TargetStore}: it takes pages of PostgreSQL {@code COPY} output as they come from
 * a {@link CopyPageSource}, unparsed. A store offers it through {@link TargetStore#copyPages()}; the engine takes this
 * path only when both sides offer it. The PostgreSQL store ({@code io.upsilon.migrate.pg}) implements it.
 */
@FunctionalInterface
public interface CopyPageTarget {

    /**
     * Writes a page of {@code COPY} output into {@code table} (insert or replace by {@code key}, as
     * {@link TargetStore#write(List, Checkpoint)} does) and stores the checkpoint, all in one transaction.
     */
    void write(String table, List<String> key, CopyPage page, Checkpoint checkpoint);
}
