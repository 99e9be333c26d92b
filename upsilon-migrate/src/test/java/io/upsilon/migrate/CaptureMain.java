package io.upsilon.migrate;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * A migrator as its own process, for the kill tests of log capture: runs again and again, printing
 * {@code PROGRESS rows} after every range of the snapshot copy and {@code CAUGHT-UP n} after every run.
 */
public final class CaptureMain {

    private CaptureMain() {
    }

    public static void main(String[] args) {
        MigrationSpec spec = MigrationSpec.load(Path.of(args[0]));
        Migrator migrator = Migrator.create(spec, Stores.source(spec.source(), Map.of()),
                Stores.target(spec.target(), Map.of()), CaptureMain.class.getClassLoader(),
                Migrator.Options.defaults().withJobs(2));
        for (int run = 1; ; run++) {
            migrator.run(Optional.empty(), Migrator.Deletes.IGNORE,
                    (entity, rows, updatedAt) -> System.out.println("PROGRESS " + rows));
            System.out.println("CAUGHT-UP " + run);
        }
    }
}
