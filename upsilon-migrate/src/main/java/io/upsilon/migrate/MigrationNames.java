package io.upsilon.migrate;

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
        MAX_LAG_ROWS("maxLagRows"),
        /** {@link ContinuousMigration.Builder#maxRuns}. */
        MAX_RUNS("maxRuns"),
        /** {@link ContinuousMigration.Builder#pause}. */
        PAUSE("pause"),
        /** {@link ContinuousMigration.Builder#drain}. */
        DRAIN("drain"),
        /** {@link ContinuousMigration.Builder#maxKeys}. */
        MAX_KEYS("maxKeys"),
        /** The command of {@link ContinuousMigration.Builder#switchCommand}. */
        SWITCH_COMMAND("switchCommand"),
        /** The timeout of {@link ContinuousMigration.Builder#switchCommand}. */
        SWITCH_TIMEOUT("switchTimeout"),
        /** {@link ContinuousMigration.Builder#newLocation}. */
        NEW_LOCATION("newLocation"),
        /** The maintenance cut-over ({@link ContinuousMigration.Builder#maintenance(String)}), as a noun. */
        MAINTENANCE_CUTOVER("the maintenance cut-over"),
        /** The cut-over without a window, as a noun: {@code "(manual cut-over: no window)"}. */
        MANUAL_CUTOVER("manual cut-over"),
        /** The remedy that picks the cut-over without a window: {@code "…, or cut over by hand (no window)"}. */
        CUT_OVER_BY_HAND("cut over by hand (no window)"),
        /** What opened a window a rerun continues in: {@code "the window an earlier cut-over opened"}. */
        CUTOVER_RUN("cut-over"),
        /** The {@link TrafficSwitch}: {@code "running the traffic switch"}. */
        TRAFFIC_SWITCH("the traffic switch"),
        /** What closes the old cluster's window (not a retired one's). */
        EXIT_OLD("'upsilon maintenance exit' on the old cluster"),
        /** What reopens a retired old cluster. */
        FORCE_EXIT_OLD("'upsilon maintenance exit --yes' on the old cluster"),
        /** What lists the target's mismatching keys: {@code "fix the target (see …)"}. */
        VERIFY("Migrator.verify"),
        /** What copies rows again from an update time: {@code "copy the rows again with …"}. */
        RUN_SINCE("a run from an update time (Migrator.run with since)"),
        /** The deletes mode that deletes the target's extra rows. */
        PROPAGATE_DELETES("Deletes.PROPAGATE"),
        /** The update time a run starts from instead of the checkpoints ({@link Migrator#run}). */
        SINCE("since"),
        /** What drops the replication slot after the cut-over ({@link Migrator#finish()}). */
        FINISH("Migrator.finish()"),
        /** What drops the replication slot to give the migration up ({@link Migrator#abort()}). */
        ABORT("Migrator.abort()");

        private final String defaultName;

        Term(String defaultName) {
            this.defaultName = defaultName;
        }

        /** The phrase {@link #DEFAULT} gives. */
        public String defaultName() {
            return defaultName;
        }
    }

    /** The builders' method names and the {@code upsilon} commands in general ({@link Term#defaultName()}). */
    MigrationNames DEFAULT = Term::defaultName;

    /** The phrase for {@code term}, fitting where {@link Term} shows it; never null. */
    String of(Term term);
}
