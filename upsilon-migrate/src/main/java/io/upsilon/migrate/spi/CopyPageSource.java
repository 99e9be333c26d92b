package io.upsilon.migrate.spi;

import java.util.List;

/**
 * An optional capability of a {@link SourceStore}: it hands out pages as PostgreSQL {@code COPY} output, so an entity
 * with no transforms moves to a {@link CopyPageTarget} without being parsed into rows. A store offers it through
 * {@link SourceStore#copyPages()}; the engine takes this path only when both sides offer it, and the generic
 * {@link SourceStore#page} path otherwise. The PostgreSQL store ({@code io.upsilon.migrate.pg}) implements it; an HTTP
 * store or another database's store need not.
 */
@FunctionalInterface
public interface CopyPageSource {

    /**
     * The same rows as {@link SourceStore#page} (same order, same position semantics), as {@code COPY} output of
     * {@code columns}.
     *
     * @param binary     binary format (see {@link CopyPage#binary}) rather than text: only when the target's columns
     *                   have exactly the source's built-in types
     * @param freshAfter an update time in text form: a binary page counts its rows updated after it (see
     *                   {@link CopyPage#countAfter}); null when no one asks
     */
    CopyPage copyPage(SourceEntity entity, List<String> columns, Position after, int limit, boolean binary,
                      String freshAfter);
}
