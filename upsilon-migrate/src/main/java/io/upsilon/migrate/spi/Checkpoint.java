package io.upsilon.migrate.spi;

import java.time.Instant;

/**
 * How far a migration of one entity got, stored in the target with the rows it covers (in the same transaction), so
 * a killed run resumes exactly there.
 *
 * @param entity   the entity's name in the spec
 * @param position the last source row written
 * @param rows     rows written by the runs so far
 * @param at       when it was stored
 */
public record Checkpoint(String entity, Position position, long rows, Instant at) {
}
