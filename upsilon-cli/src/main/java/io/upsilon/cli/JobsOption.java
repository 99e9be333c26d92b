package io.upsilon.cli;

import io.upsilon.migrate.Migrator;
import picocli.CommandLine.Option;

/** The {@code --jobs N} of {@code migrate run} and {@code migrate continuous}, mixed in with {@code @Mixin}. */
final class JobsOption {

    @Option(names = "--jobs", paramLabel = "N", description = "Ranges of a first copy read and written at once: N"
            + " sessions share one snapshot of the source, each range goes to the target in its own transaction;"
            + " 1 to 16 (the default is this machine's processors, at most 16).")
    int jobs = Migrator.Options.defaults().jobs();

    /** The migrator's options with these jobs, naming the options in messages; a bad number is bad input (exit 2). */
    Migrator.Options options() {
        return Migrator.Options.defaults().withJobs(jobs).withNames(MigrateBaseCommand.OPTIONS);
    }
}
