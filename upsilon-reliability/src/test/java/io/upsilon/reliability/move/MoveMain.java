package io.upsilon.reliability.move;

import io.upsilon.migrate.MigrationSpec;
import io.upsilon.migrate.Migrator;
import io.upsilon.migrate.RunReport;
import io.upsilon.migrate.Stores;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The migrator as its own OS process, to be killed with {@code kill -9}: catch-up runs of the spec one after the
 * other until it is killed, each from the stored checkpoints, every second one propagating deletes (so some kills
 * land in the key comparison and the deletes). Prints {@code PROGRESS <entity> <rows>} after every committed page
 * and {@code RUN <n> <entity> <started> <read> <deleted>} after every run.
 *
 * <p>Arguments: the spec file, and the pause between runs in milliseconds.
 */
public final class MoveMain {

    private MoveMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        MigrationSpec spec = MigrationSpec.load(Path.of(args[0]));
        long pauseMillis = Long.parseLong(args[1]);
        Migrator migrator = Migrator.create(spec, Stores.source(spec.source(), Map.of()),
                Stores.target(spec.target(), Map.of()), MoveMain.class.getClassLoader());
        for (int n = 1; ; n++) {
            Migrator.Deletes deletes = n % 2 == 0 ? Migrator.Deletes.PROPAGATE : Migrator.Deletes.IGNORE;
            RunReport report = migrator.run(Optional.empty(), deletes,
                    (entity, rows, updatedAt) -> System.out.println("PROGRESS " + entity + " " + rows));
            for (RunReport.Entity e : report.entities()) {
                System.out.println("RUN " + n + " " + e.name() + " " + e.started() + " " + e.rowsRead() + " "
                        + e.deleted());
            }
            Thread.sleep(pauseMillis);
        }
    }
}
