package io.upsilon.bench;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.resource.DirectoryResourceAccessor;
import liquibase.resource.ResourceAccessor;

/**
 * Liquibase 4's side: what a service does at start-up, written the way Spring Boot's {@code SpringLiquibase} runs
 * it: take a connection from the data source, find the database implementation, {@code new Liquibase(changelog,
 * accessor, database).update(contexts, labels)}, close. The changelog is one formatted-SQL file,
 * {@code changelog.sql}, in the input directory, read through a {@link DirectoryResourceAccessor}.
 *
 * <p>The built object is only the configuration (directory and data source), as a {@code SpringLiquibase} bean is:
 * Liquibase works on one connection, so every check opens one, as Flyway's and Upsilon's checks do through the same
 * non-pooled data source.
 */
final class LiquibaseSide implements Side<LiquibaseSide.Configured> {

    /** The changelog's file name inside the input directory. */
    static final String CHANGELOG = "changelog.sql";

    static {
        // Liquibase 4.30+ sends anonymous usage analytics over the network by default; a benchmark must not wait on
        // the network (and this machine has none), so it is switched off as an offline user would
        if (System.getProperty("liquibase.analytics.enabled") == null) {
            System.setProperty("liquibase.analytics.enabled", "false");
        }
    }

    /** What the start-up code configured: a data source and the changelog's directory. */
    record Configured(DataSource ds, ResourceAccessor accessor) {
    }

    @Override
    public Configured create(DataSource ds, Path changelogDir, Child timer) {
        try {
            Configured configured = new Configured(ds, new DirectoryResourceAccessor(changelogDir.toAbsolutePath()));
            timer.mark("configure_load");
            return configured;
        } catch (FileNotFoundException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void check(Configured built) {
        int ran = update(built);
        if (ran != 0) {
            Child.require(false, "Liquibase ran " + ran + " changesets");
        }
    }

    @Override
    public int apply(Configured built) {
        return update(built);
    }

    /** One {@code update}; the number of changesets it ran. */
    static int update(Configured built) {
        int[] ran = {0};
        try (Connection c = built.ds().getConnection()) {
            Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
            Liquibase liquibase = new Liquibase(CHANGELOG, built.accessor(), database);
            liquibase.setChangeExecListener(new AbstractChangeExecListener() {
                @Override
                public void ran(ChangeSet changeSet, DatabaseChangeLog log, Database db, ChangeSet.ExecType type) {
                    ran[0]++;
                }
            });
            liquibase.update(new Contexts(), new LabelExpression());
            return ran[0];
        } catch (SQLException | LiquibaseException e) {
            throw new IllegalStateException("Liquibase update failed: " + e.getMessage(), e);
        }
    }
}
