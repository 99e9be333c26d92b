package io.upsilon.cli;

/** The values of {@code upsilon path --format}, lower case as users type them. */
enum PathFormat {
    /** A text table, one row per step. */
    table,
    /** One JSON document (also {@code --json}). */
    json,
    /** A Mermaid flowchart, to paste into a {@code ```mermaid} block. */
    mermaid,
    /** A Graphviz digraph, for {@code dot -Tsvg}. */
    dot
}
