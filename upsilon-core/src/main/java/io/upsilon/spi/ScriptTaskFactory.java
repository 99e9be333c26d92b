package io.upsilon.spi;

import io.upsilon.UpgradeTask;

/**
 * Turns a manifest's SQL script entry ({@code - sql/1.0/add.sql}) into a task: the backend module of the database
 * the scripts are written for knows how to cut and run them. Found through {@link java.util.ServiceLoader}
 * ({@code META-INF/services/io.upsilon.spi.ScriptTaskFactory}); the first one found is used. Implementations have a
 * public no-argument constructor and no state.
 */
public interface ScriptTaskFactory {

    /**
     * The task of a script and its undo script, both checked whole, so that a script that cannot run as written
     * fails before any task runs. Also called with a null undo script to check a script when its checksum is first
     * read.
     *
     * @param name       the entry as written in the manifest, e.g. {@code sql/1.0/add.sql}; the task's description
     * @param script     the script's text, placeholders replaced
     * @param undoScript the text of {@code NAME.undo.sql} beside it, or null when it has none (the task cannot roll
     *                   back)
     * @throws io.upsilon.UpsilonException {@link io.upsilon.ErrorCode#INVALID_MANIFEST} naming the script, the line
     *                                     and the remedy
     */
    UpgradeTask create(String name, String script, String undoScript);
}
