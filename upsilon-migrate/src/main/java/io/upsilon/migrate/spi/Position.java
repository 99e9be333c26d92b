package io.upsilon.migrate.spi;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A place in an entity's (update time, key) order, in text form.
 *
 * @param updatedAt the update time; empty means the beginning
 * @param key       the key values of the last row read at that time; empty means "every row from
 *                  {@code updatedAt} on, inclusive" (how incremental runs start)
 * @param rewind    how far before {@code updatedAt} to start reading again, so rows of transactions that committed
 *                  late (with an earlier update time) are not missed; zero when resuming exactly
 */
public record Position(Optional<String> updatedAt, List<String> key, Duration rewind) {

    public static final Position START = new Position(Optional.empty(), List.of(), Duration.ZERO);

    public Position {
        key = List.copyOf(key);
    }

    /** Every row updated at or after {@code updatedAt} minus {@code rewind}. */
    public static Position from(String updatedAt, Duration rewind) {
        return new Position(Optional.of(updatedAt), List.of(), rewind);
    }

    /** Strictly after the row with this update time and key. */
    public static Position after(String updatedAt, List<String> key) {
        return new Position(Optional.of(updatedAt), key, Duration.ZERO);
    }

    /** The same place, read again from {@code rewind} earlier and inclusive. */
    public Position rewound(Duration by) {
        return updatedAt.map(at -> from(at, by)).orElse(START);
    }
}
