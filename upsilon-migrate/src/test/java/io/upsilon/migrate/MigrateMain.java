package io.upsilon.migrate;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** A migration as its own process, for the kill tests: prints {@code PROGRESS rows} after every batch. */
public final class MigrateMain {

    private MigrateMain() {
    }

    public static void main(String[] args) {
        MigrationSpec spec = MigrationSpec.load(Path.of(args[0]));
        Migrator migrator = Migrator.create(spec, Stores.source(spec.source(), Map.of()),
                Stores.target(spec.target(), Map.of()), MigrateMain.class.getClassLoader());
        migrator.run(Optional.empty(), Migrator.Deletes.IGNORE,
                (entity, rows, updatedAt) -> System.out.println("PROGRESS " + rows));
        System.out.println("DONE");
    }
}
