package io.upsilon.bench;

import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Flyway's side: what an application does at start-up with Flyway: {@code Flyway.configure().dataSource(ds)
 * .locations("filesystem:DIR").load().migrate()}, default settings (so {@code validateOnMigrate} is on, as it is for
 * every application that does not switch it off).
 */
final class FlywaySide implements Side<Flyway> {

    @Override
    public Flyway create(DataSource ds, Path migrations, Child timer) {
        Flyway flyway = Flyway.configure()
                .dataSource(ds)
                .locations("filesystem:" + migrations.toAbsolutePath())
                .load();
        timer.mark("configure_load");
        return flyway;
    }

    private static void verify(MigrateResult result) {
        if (!result.success || result.migrationsExecuted != 0) {
            Child.require(false, "Flyway executed " + result.migrationsExecuted + " migrations (success "
                    + result.success + ")");
        }
    }

    @Override
    public void check(Flyway built) {
        verify(built.migrate());
    }

    @Override
    public int apply(Flyway built) {
        MigrateResult result = built.migrate();
        Child.require(result.success, "Flyway's migrate failed");
        return result.migrationsExecuted;
    }
}
