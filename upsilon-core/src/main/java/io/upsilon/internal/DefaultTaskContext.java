package io.upsilon.internal;

import io.upsilon.ProgressReporter;
import io.upsilon.TaskContext;
import io.upsilon.Version;
import java.sql.Connection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link TaskContext} handed to a running task. Progress goes to the task's logger, at most every 2 s. */
record DefaultTaskContext(Connection connection, Optional<Version> from, Version to, long fencingToken, String nodeId,
                          Logger logger, ProgressReporter progress) implements TaskContext {

    DefaultTaskContext(Connection connection, Optional<Version> from, Version to, long fencingToken, String nodeId,
                       String taskName) {
        this(connection, from, to, fencingToken, nodeId, LoggerFactory.getLogger("upsilon.task." + taskName),
                new LoggingProgress(LoggerFactory.getLogger("upsilon.task." + taskName)));
    }

    /** Logs progress lines no more often than every two seconds, and always the last one. */
    private static final class LoggingProgress implements ProgressReporter {
        private final Logger logger;
        private long lastLogged;
        private boolean loggedOnce;

        LoggingProgress(Logger logger) {
            this.logger = logger;
        }

        @Override
        public synchronized void report(long done, long total, String unit) {
            long now = System.nanoTime();
            boolean finished = total >= 0 && done >= total;
            if (finished || !loggedOnce || now - lastLogged >= 2_000_000_000L) {
                loggedOnce = true;
                lastLogged = now;
                logger.info(total >= 0 ? "{} / {} {}" : "{} {}", done, total >= 0 ? total : unit, unit);
            }
        }
    }
}
