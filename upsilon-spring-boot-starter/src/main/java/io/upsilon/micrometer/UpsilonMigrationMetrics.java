package io.upsilon.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.upsilon.migrate.MigrationListener;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Side-by-side migration progress for Micrometer: pass it to {@code Migrator.run} / {@code continuous} as the
 * {@link MigrationListener} and bind it to a registry.
 *
 * <ul>
 *   <li>{@code upsilon.migration.rows} (counter, tag entity): source rows copied; {@code rate()} of it is rows/s.</li>
 *   <li>{@code upsilon.migration.lag} (gauge, seconds, tag entity): how far the newest update time copied trails
 *       the clock; NaN until a page was copied or when the update time is not a timestamp.</li>
 * </ul>
 */
public final class UpsilonMigrationMetrics implements MigrationListener, MeterBinder {

    /** ISO-8601 and PostgreSQL's text form ({@code 2026-01-02 03:04:05.123456+00}). */
    private static final DateTimeFormatter TIMESTAMP = new DateTimeFormatterBuilder()
            .appendPattern("yyyy-MM-dd").appendLiteral(' ').appendPattern("HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendPattern("[XXX][X]").toFormatter();

    private final Clock clock;
    private final Map<String, EntityProgress> entities = new ConcurrentHashMap<>();
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

    public UpsilonMigrationMetrics() {
        this(Clock.systemUTC());
    }

    /** With the clock that the lag is measured against. */
    public UpsilonMigrationMetrics(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        registries.add(registry);
        entities.forEach((entity, progress) -> register(registry, entity, progress));
    }

    @Override
    public void progress(String entity, long rows, String updatedAt) {
        EntityProgress progress = entities.get(entity);
        if (progress == null) {
            synchronized (this) { // with bindTo: a new entity's meters reach every registry exactly once
                progress = entities.computeIfAbsent(entity, e -> {
                    EntityProgress created = new EntityProgress();
                    registries.forEach(r -> register(r, e, created));
                    return created;
                });
            }
        }
        progress.advance(rows, parse(updatedAt));
    }

    private void register(MeterRegistry registry, String entity, EntityProgress progress) {
        Counter rows = Counter.builder("upsilon.migration.rows").tag("entity", entity)
                .description("source rows copied by side-by-side migration").register(registry);
        synchronized (progress) { // the rows copied before this registry was bound, counted once
            rows.increment(progress.copied);
            progress.counters.add(rows);
        }
        Gauge.builder("upsilon.migration.lag", progress, p -> p.lagSeconds(clock.instant())).tag("entity", entity)
                .baseUnit("seconds").description("how far the newest update time copied trails the clock")
                .register(registry);
    }

    static Optional<Instant> parse(String updatedAt) {
        if (updatedAt == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(updatedAt.replace('T', ' '), TIMESTAMP).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** One entity's rows (a run reports rows since its start, so a smaller number means a new run) and watermark. */
    private static final class EntityProgress {
        final List<Counter> counters = new CopyOnWriteArrayList<>();
        long lastRows;
        long copied;
        volatile Instant newest;

        synchronized void advance(long rows, Optional<Instant> updatedAt) {
            long delta = rows >= lastRows ? rows - lastRows : rows;
            lastRows = rows;
            copied += delta;
            counters.forEach(c -> c.increment(delta));
            updatedAt.ifPresent(t -> newest = t);
        }

        double lagSeconds(Instant now) {
            Instant n = newest;
            return n == null ? Double.NaN : Math.max(0, now.toEpochMilli() - n.toEpochMilli()) / 1000.0;
        }
    }
}
