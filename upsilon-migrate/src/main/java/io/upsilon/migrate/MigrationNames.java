package io.upsilon.migrate;

import java.util.Locale;
import java.util.Objects;

/**
 * How the program in front of this module names a migration's settings and the commands an operator runs, for the
 * remedies in its messages: the {@code upsilon} CLI says {@code --max-lag-rows} and {@code 'upsilon maintenance exit
 * --url …'}, a service its own properties. Every message of {@link ContinuousMigration} (its checks, steps, summary
 * and failures), {@link MaintenanceCutover}, {@link Migration#sourceBackend(String, MigrationNames)},
 * {@link Migrator#run} ({@link Migrator.Options#names()}), {@link VerifyReport#failure(MigrationNames)} and
 * {@link CaptureStatus#warning} names these through it; {@link #DEFAULT} uses the builders' names.
 */
@FunctionalInterface
public interface MigrationNames {

    /** What a message may name; each with the phrase {@link #DEFAULT} gives it. */
    enum Term {
        /** {@link ContinuousMigration.Builder#maxLagRows}. */
        MAX_LAG_ROWS("maxLagRows", true),
        /** {@link ContinuousMigration.Builder#maxRuns}. */
        MAX_RUNS("maxRuns", true),
        /** {@link ContinuousMigration.Builder#pause}. */
        PAUSE("pause", true),
        /** {@link ContinuousMigration.Builder#drain}. */
        DRAIN("drain", true),
        /** {@link ContinuousMigration.Builder#maxKeys}. */
        MAX_KEYS("maxKeys", true),
        /** The command of {@link ContinuousMigration.Builder#switchCommand}. */
        SWITCH_COMMAND("switchCommand", true),
        /** The timeout of {@link ContinuousMigration.Builder#switchCommand}. */
        SWITCH_TIMEOUT("switchTimeout", true),
        /** {@link ContinuousMigration.Builder#newLocation}. */
        NEW_LOCATION("newLocation", true),
        /** The maintenance cut-over ({@link ContinuousMigration.Builder#maintenance(String)}), as a noun. */
        MAINTENANCE_CUTOVER("the maintenance cut-over", false),
        /** The cut-over without a window, as a noun: {@code "(manual cut-over: no window)"}. */
        MANUAL_CUTOVER("manual cut-over", false),
        /** The remedy that picks the cut-over without a window: {@code "…, or cut over by hand (no window)"}. */
        CUT_OVER_BY_HAND("cut over by hand (no window)", false),
        /** What opened a window a rerun continues in: {@code "the window an earlier cut-over opened"}. */
        CUTOVER_RUN("cut-over", false),
        /** The {@link TrafficSwitch}: {@code "running the traffic switch"}. */
        TRAFFIC_SWITCH("the traffic switch", false),
        /** What closes the old cluster's window (not a retired one's). */
        EXIT_OLD("'upsilon maintenance exit' on the old cluster", false),
        /** What reopens a retired old cluster. */
        FORCE_EXIT_OLD("'upsilon maintenance exit --yes' on the old cluster", false),
        /** What lists the target's mismatching keys: {@code "fix the target (see …)"}. */
        VERIFY("Migrator.verify", false),
        /** What copies rows again from an update time: {@code "copy the rows again with …"}. */
        RUN_SINCE("a run from an update time (Migrator.run with since)", false),
        /** The deletes mode that deletes the target's extra rows. */
        PROPAGATE_DELETES("Deletes.PROPAGATE", false),
        /** The update time a run starts from instead of the checkpoints ({@link Migrator#run}). */
        SINCE("since", true),
        /** What drops the replication slot after the cut-over ({@link Migrator#finish()}). */
        FINISH("Migrator.finish()", false),
        /** What drops the replication slot to give the migration up ({@link Migrator#abort()}). */
        ABORT("Migrator.abort()", false);

        private final String defaultName;
        private final boolean setting;

        Term(String defaultName, boolean setting) {
            this.defaultName = defaultName;
            this.setting = setting;
        }

        /** The phrase {@link #DEFAULT} gives. */
        public String defaultName() {
            return defaultName;
        }

        /** Whether this is a setting a caller gives (a builder's or a run's), which {@link #options()} names. */
        public boolean setting() {
            return setting;
        }
    }

    /** The builders' method names and the {@code upsilon} commands in general ({@link Term#defaultName()}). */
    MigrationNames DEFAULT = Term::defaultName;

    /**
     * Each {@link Term#setting() setting} as the option of a command line, its name in kebab case
     * ({@code --max-lag-rows}, {@code --since}); the other terms as {@link #DEFAULT} gives them. Change any with
     * {@link #with}.
     */
    static MigrationNames options() {
        return term -> term.setting() ? "--" + term.name().toLowerCase(Locale.ROOT).replace('_', '-')
                : term.defaultName();
    }

    /** These names, with {@code term} named {@code name}. */
    default MigrationNames with(Term term, String name) {
        Objects.requireNonNull(name, "name");
        return t -> t == term ? name : of(t);
    }

    /** The phrase for {@code term}, fitting where {@link Term} shows it; never null. */
    String of(Term term);
}
