/**
 * Flat views of the store's records, plans and release chains for reports: the CLI's {@code --json} and the
 * server's {@code /status} show the same rows with the same field names ({@code nodeId}, {@code fencingToken}). They are plain records of text,
 * numbers and booleans (times as ISO-8601 text, durations and ages in milliseconds), so any JSON mapper that writes
 * records by their accessor names writes them as they are, and the core needs no JSON library.
 *
 * <p>The reports of whole commands are records here too ({@link io.upsilon.report.StatusReport},
 * {@link io.upsilon.report.FenceReport}, {@link io.upsilon.report.MaintenanceReport},
 * {@link io.upsilon.report.LockRelease}, {@link io.upsilon.report.ErrorRow}), and so is their text: the rows'
 * {@code describe()}, {@code summary()} and {@code table()} print what the CLI prints, laid out by
 * {@link io.upsilon.report.TextTable} with values read as {@link io.upsilon.report.ReportText} reads them, so a
 * service's log or admin page says what the CLI says.
 *
 * <p>Promised: the accessor names and meanings; new accessors may be added. The text is for people: its words may
 * change, so parse the records, not the text.
 */
package io.upsilon.report;
