package io.upsilon.cli;

import io.upsilon.config.SessionOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The cluster lock and the id of the node that holds it, for the commands that take it: they act as a node, holding
 * the lock and writing the history or the node table as {@code --node-id}.
 */
final class LockOptions implements OptionGroup {

    @Option(names = "--lock", paramLabel = "KIND", description = "The cluster lock: ${COMPLETION-CANDIDATES}"
            + " (advisory: session lock, dies with the connection; lease: TTL row renewed by a heartbeat, works behind"
            + " PgBouncer).")
    LockChoice lock = LockChoice.advisory;

    @Option(names = "--lock-timeout", paramLabel = "SECONDS", description = "How long to wait for the cluster lock"
            + " before giving up with exit code 3.")
    long lockTimeoutSeconds = SessionOptions.DEFAULT_LOCK_TIMEOUT.toSeconds();

    @Option(names = "--node-id", paramLabel = "ID", description = "This node's id in the lock and the history, and"
            + " for serve in the node table and its sessions' application_name (default: host-pid-random).")
    String nodeId;

    @Override
    public void applyTo(CommonOptions options) {
        options.lock = lock;
        options.lockTimeout = Duration.ofSeconds(lockTimeoutSeconds);
        options.nodeId = nodeId;
    }
}
