/**
 * Flat views of the store's records, plans and release chains for reports: the CLI's {@code --json} and the
 * server's {@code /status} show the same rows with the same field names ({@code nodeId}, {@code fencingToken}). They are plain records of text,
 * numbers and booleans (times as ISO-8601 text, durations and ages in milliseconds), so any JSON mapper that writes
 * records by their accessor names writes them as they are, and the core needs no JSON library.
 *
 * <p>Promised: the accessor names and meanings; new accessors may be added.
 */
package io.upsilon.report;
