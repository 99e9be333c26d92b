/**
 * {@code upsilon race} ({@link io.upsilon.demo.race.RaceCommand}): several nodes race to upgrade one database and
 * each task runs exactly once. Its manifest ({@code io/upsilon/demo/race/upsilon.tasks}) is the transfers service's
 * schema with sample rows; its Java task is the service's own {@code BackfillQuoteIds}.
 */
package io.upsilon.demo.race;
