package io.upsilon.cli;

import picocli.CommandLine.Mixin;

/** What the {@code tenant} commands share beyond {@link BaseCommand}: the database, and the session on it. */
abstract class TenantBaseCommand extends BaseCommand {

    /** slf4j-simple's level for the tenant module's logger, read when that logger is made (on first use). */
    private static final String MODULE_LOG_LEVEL = "org.slf4j.simpleLogger.log.io.upsilon.tenant.pg.PgTenantModule";

    @Mixin ConnectionOptions connectionOptions;

    /**
     * A session on {@code --url} or the embedded database. The tenant commands use none of Upsilon's own tables, so
     * they have no {@code --schema}; the session still wants one for its (unused) backend and gets the default.
     */
    CliSession tenantSession(boolean withManifest) {
        if (!options.verbose && System.getProperty(MODULE_LOG_LEVEL) == null) {
            // the module logs each failed tenant as a warning; the command reports it itself, in its table and its
            // one error line, so the log line would only say it twice (with --verbose it is shown)
            System.setProperty(MODULE_LOG_LEVEL, "error");
        }
        return session(withManifest);
    }
}
