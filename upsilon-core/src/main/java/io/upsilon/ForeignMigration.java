package io.upsilon;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of another migration tool's history, as {@code upsilon baseline --from-flyway} or
 * {@code --from-liquibase} reads it, for {@link Upsilon#baseline(java.util.List)} to map onto the manifest.
 *
 * @param tool      the tool that wrote the row
 * @param type      what kind of row it is
 * @param version   Flyway's version ({@code 1.2} for {@code V1_2__x.sql}); empty for repeatable migrations and for
 *                  Liquibase
 * @param script    Flyway's script ({@code V1_2__x.sql}, or a Java migration's class name) or Liquibase's
 *                  changelog file name
 * @param id        Liquibase's changeset id; empty for Flyway
 * @param author    Liquibase's changeset author; empty for Flyway
 * @param checksum  Flyway's CRC32 checksum as a decimal integer; empty when the row has none and for Liquibase (its
 *                  MD5 is computed from the parsed changeset and cannot be compared with a script)
 * @param succeeded whether the migration succeeded (Flyway's {@code success}; Liquibase's {@code EXECTYPE} other
 *                  than {@code FAILED})
 * @param appliedAt when it ran
 */
public record ForeignMigration(Tool tool, Type type, Optional<String> version, String script, Optional<String> id,
                               Optional<String> author, Optional<String> checksum, boolean succeeded,
                               Instant appliedAt) {

    /** The tool a row comes from. */
    public enum Tool { FLYWAY, LIQUIBASE }

    /** The kind of row. */
    public enum Type {
        /** A Flyway versioned migration ({@code V…}), SQL or Java. */
        VERSIONED,
        /** A Flyway repeatable migration ({@code R__…}): re-run by Flyway whenever it changes. */
        REPEATABLE,
        /** Flyway's baseline marker: everything at or below its version counts as applied. */
        BASELINE,
        /** Flyway's "schema created" marker; carries nothing to map. */
        SCHEMA,
        /** A Liquibase changeset ({@code EXECUTED}, {@code RERAN} or {@code MARK_RAN}; or {@code FAILED}). */
        CHANGESET
    }

    public ForeignMigration {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(script, "script");
        Objects.requireNonNull(appliedAt, "appliedAt");
    }

    /** The row as its tool would name it, for messages: {@code Flyway V1.2 (V1_2__x.sql)}, {@code Liquibase id:author (file)}. */
    public String describe() {
        if (tool == Tool.LIQUIBASE) {
            return "Liquibase changeset " + id.orElse("?") + ":" + author.orElse("?") + " (" + script + ")";
        }
        return switch (type) {
            case REPEATABLE -> "Flyway repeatable " + script;
            case BASELINE -> "Flyway baseline " + version.orElse("?");
            case SCHEMA -> "Flyway schema marker";
            default -> "Flyway V" + version.orElse("?") + " (" + script + ")";
        };
    }
}
