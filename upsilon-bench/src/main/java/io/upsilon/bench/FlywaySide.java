package io.upsilon.bench;

import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flyway's side: what an application does at start-up with Flyway 10: {@code Flyway.configure().dataSource(ds)
 * .locations("filesystem:DIR").load().migrate()}, default settings (so {@code validateOnMigrate} is on, as it is for
 * every application that does not switch it off).
 */
final class FlywaySide {

    private FlywaySide() {
    }

    static Flyway create(DataSource ds, Path migrations, Child timer) {
        Flyway flyway = Flyway.configure()
                .dataSource(ds)
                .locations("filesystem:" + migrations.toAbsolutePath())
                .load();
        timer.mark("configure_load");
        return flyway;
    }

    static void verify(MigrateResult result) {
        Child.require(result.success && result.migrationsExecuted == 0, "Flyway executed " + result.migrationsExecuted
                + " migrations (success " + result.success + ")");
    }

    /** {@code cold-flyway PORT DB DIR}: one no-op migrate in this fresh JVM. */
    static void cold(String[] args) {
        Child timer = new Child();
        long t0 = System.nanoTime();
        timer.start();
        DataSource ds = Child.dataSource(Integer.parseInt(args[0]), args[1]);
        Flyway flyway = create(ds, Path.of(args[2]), timer);
        MigrateResult result = flyway.migrate();
        timer.mark("check_call");
        timer.add("total", System.nanoTime() - t0);
        verify(result);
        timer.print();
    }

    /** {@code warm-flyway PORT DB DIR WARMUP CALLS}: as {@link OursSide#warm}. */
    static void warm(String[] args) {
        DataSource ds = Child.dataSource(Integer.parseInt(args[0]), args[1]);
        Path migrations = Path.of(args[2]);
        int warmup = Integer.parseInt(args[3]);
        int calls = Integer.parseInt(args[4]);
        Child ignored = new Child();
        Flyway built = create(ds, migrations, ignored);
        Child.warmLoop(warmup, calls, () -> verify(built.migrate()),
                () -> verify(create(ds, migrations, ignored).migrate()));
    }

    /** {@code profile-flyway PORT DB DIR}: as {@link OursSide#profile}. */
    static void profile(String[] args) throws Exception {
        Child timer = new Child(true);
        timer.start();
        DataSource ds = Child.dataSource(Integer.parseInt(args[0]), args[1]);
        try (Connection c = ds.getConnection()) {
            c.isValid(1);
        }
        timer.mark("jdbc_first_connection");
        try (Connection c = ds.getConnection()) {
            c.isValid(1);
        }
        timer.mark("jdbc_second_connection");
        Flyway flyway = create(ds, Path.of(args[2]), timer);
        MigrateResult result = flyway.migrate();
        timer.mark("first_check_call");
        verify(result);
        timer.start();
        result = flyway.migrate();
        timer.mark("second_check_call");
        verify(result);
        timer.print();
    }
}
