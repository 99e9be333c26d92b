package io.upsilon.cli;

import io.upsilon.config.SessionOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The cluster lock, for the commands that take it. */
final class LockOptions implements OptionGroup {

    @Option(names = "--lock", paramLabel = "KIND", description = "The cluster lock: ${COMPLETION-CANDIDATES}"
            + " (advisory: session lock, dies with the connection; lease: TTL row renewed by a heartbeat, works behind"
            + " PgBouncer).")
    LockChoice lock = LockChoice.advisory;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", description = "How long to wait for the cluster lock"
            + " before giving up with exit code 3.")
    long lockTimeoutSeconds = SessionOptions.DEFAULT_LOCK_TIMEOUT.toSeconds();

    @Override
    public void applyTo(CommonOptions options) {
        options.lock = lock;
        options.lockTimeout = Duration.ofSeconds(lockTimeoutSeconds);
    }
}
