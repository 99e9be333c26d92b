package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.config.UpsilonSession;

/**
 * What one command run works on: the library's {@link UpsilonSession} (stores, lock, manifest, target, the
 * {@link io.upsilon.Upsilon} of this node) opened from this run's options and settings, on {@code --url} or an
 * embedded PostgreSQL in a data directory. Opening checks every input first, so a typo fails in milliseconds and never
 * creates a data directory. Closing stops the embedded PostgreSQL and releases the task class loader.
 */
final class CliSession extends UpsilonSession {

    private CliSession(UpsilonSession opened) {
        super(opened);
    }

    /**
     * @param manifestResource the class-path manifest used without {@code --manifest}; null when the command needs
     *                         no manifest
     */
    static CliSession open(CommonOptions options, Main main, String manifestResource) {
        if (options.url == null && !options.embedded) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "no database given: pass --url"
                    + " jdbc:postgresql://HOST:5432/DATABASE?user=NAME, set $UPSILON_URL or url= in upsilon.conf,"
                    + " or pass --embedded to start an embedded PostgreSQL in --data-dir");
        }
        var session = UpsilonSession.builder(options.settings).secrets(main.secrets())
                .url(options.url).user(options.user).applicationName("upsilon-cli")
                .connectTimeout(options.connectTimeout)
                .schema(options.schema).tablePrefix(options.tablePrefix)
                .lock(options.lock == null ? null : options.lock.name()) // tenant commands take no --lock
                .lockTimeout(options.lockTimeout).nodeId(options.nodeId)
                .placeholders(options.placeholders).classpath(options.classpath, Main.class.getClassLoader())
                .manifest(options.manifest, manifestResource).target(options.to)
                .embedded(options.url == null ? options.dataDir : null, false)
                .validateAlways(true); // an operator's run validates: reading scripts costs little, catches an edit
        return new CliSession(session.open());
    }
}
