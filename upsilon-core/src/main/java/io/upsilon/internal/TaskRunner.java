package io.upsilon.internal;

import io.upsilon.ErrorCode;
import io.upsilon.PlannedTask;
import io.upsilon.PlannedTask.Action;
import io.upsilon.TaskDefinition;
import io.upsilon.UpgradeEvent;
import io.upsilon.UpgradeTask;
import io.upsilon.UpsilonConfig;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.spi.LockGrant;
import io.upsilon.spi.StoreSession;
import io.upsilon.spi.TaskRecord;
import io.upsilon.spi.TaskSessions;
import io.upsilon.spi.TaskStatus;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one planned step under a held lock: opens a store session from the run's {@link TaskSessions}, runs (or
 * rolls back) the task, and commits its history row, with the data-version bump when the step carries one, under
 * the fencing check. Transient failures of transactional tasks are retried in a fresh transaction.
 *
 * <p>Whether the lock is still held is not asked before each task: that would cost the advisory lock a round trip
 * per task, and the fencing check at every commit (and, for a non-transactional task, before it starts) is what
 * guarantees that a node that lost the lock commits nothing. It is asked before a retry, where a transient failure
 * (a lost connection) may have cost the lock too.
 */
final class TaskRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    private final UpsilonConfig config;
    private final LockGrant grant;
    private final Events events;
    private final TaskSessions sessions;

    TaskRunner(UpsilonConfig config, LockGrant grant, Events events, TaskSessions sessions) {
        this.config = config;
        this.grant = grant;
        this.events = events;
        this.sessions = sessions;
    }

    TaskRecord run(PlannedTask step, Optional<Version> dataVersion) {
        TaskDefinition definition = step.definition();
        UpgradeTask task = definition.newTask();
        long token = grant.fencingToken();
        if (step.action() == Action.RESUME) {
            LOG.warn("Task {} of version {} was left RUNNING by a node that died; running it again (it is declared"
                    + " idempotent)", definition.name(), definition.version());
            events.fire(UpgradeEvent.TASK_RESUMED, token, Optional.of(definition.version()), definition.name(), null);
        }
        for (int attempt = 1; ; attempt++) {
            if (attempt > 1 && !grant.isHeld()) {
                throw new UpsilonException(ErrorCode.FENCED, "lost the cluster lock (token " + token + ") before task "
                        + definition.name() + " of version " + definition.version() + "; another node may take over;"
                        + " run the upgrade again");
            }
            events.fire(UpgradeEvent.BEFORE_TASK, token, Optional.of(definition.version()), definition.name(), null);
            try {
                TaskRecord done = attempt(step, task, dataVersion);
                events.fire(UpgradeEvent.AFTER_TASK, token, Optional.of(definition.version()), definition.name(), null);
                return done;
            } catch (RetryableFailure retry) {
                if (attempt >= config.taskAttempts()) {
                    throw failed(definition, dataVersion, retry.getCause(), attempt, true, retry.remedy);
                }
                long pause = config.retryBackoff().toMillis() << (attempt - 1);
                LOG.warn("Task {} of version {} hit a transient failure ({}); retry {} of {} in {} ms",
                        definition.name(), definition.version(), errorText(retry.getCause()), attempt,
                        config.taskAttempts() - 1, pause);
                events.fire(UpgradeEvent.TASK_RETRY, token, Optional.of(definition.version()), definition.name(),
                        retry.getCause());
                sleep(pause);
            }
        }
    }

    private TaskRecord attempt(PlannedTask step, UpgradeTask task, Optional<Version> dataVersion) {
        TaskDefinition definition = step.definition();
        boolean rollback = step.action() == Action.ROLLBACK;
        boolean transactional = task.isTransactional();
        TaskRecord record = new TaskRecord(0, definition.version(), definition.name(), definition.checksum(),
                TaskStatus.RUNNING, config.nodeId(), grant.fencingToken(), Instant.now(), Optional.empty(),
                Optional.empty());
        try (StoreSession session = sessions.open(transactional)) {
            if (!transactional) {
                record = session.recordRunning(record);
            }
            try {
                Optional<Version> previous = config.manifest().previous(definition.version());
                Optional<Version> from = rollback ? Optional.of(definition.version()) : previous;
                Version to = rollback ? previous.orElse(definition.version()) : definition.version();
                DefaultTaskContext context = new DefaultTaskContext(transactional
                        ? TransactionGuard.wrap(session.connection()) : session.connection(), from, to,
                        grant.fencingToken(), config.nodeId(), definition.name());
                if (rollback) {
                    task.rollback(context);
                } else {
                    task.execute(context);
                }
            } catch (Exception | LinkageError e) {
                if (transactional && session.isTransient(e)) {
                    throw new RetryableFailure(e, session.remedy(e));
                }
                session.fail(record.finish(TaskStatus.FAILED, Instant.now(), errorText(e)));
                throw failed(definition, dataVersion, e, 1, transactional, session.remedy(e));
            }
            TaskRecord outcome = record.finish(rollback ? TaskStatus.ROLLED_BACK : TaskStatus.SUCCEEDED, Instant.now(),
                    null);
            outcome = session.commit(outcome, step.newDataVersion());
            LOG.info("{} task {} of version {} in {} ms (token {})", rollback ? "Rolled back" : "Ran", definition.name(),
                    definition.version(), outcome.duration().orElseThrow().toMillis(), grant.fencingToken());
            return outcome;
        }
    }

    private UpsilonException failed(TaskDefinition definition, Optional<Version> dataVersion, Throwable cause,
                                    int attempts, boolean transactional, Optional<String> remedy) {
        if (cause instanceof UpsilonException u && u.code() == ErrorCode.FENCED) {
            return u;
        }
        events.fire(UpgradeEvent.TASK_FAILED, grant.fencingToken(), Optional.of(definition.version()),
                definition.name(), cause);
        return new UpsilonException(ErrorCode.TASK_FAILED, "task " + definition.name() + " of version "
                + definition.version() + " failed" + (attempts > 1 ? " after " + attempts + " attempts" : "") + ": "
                + errorText(cause) + (transactional ? "; its work was rolled back" : "; it is not transactional, so"
                + " what it committed stays (it is idempotent and runs again next time)")
                + "; the data version stays at "
                + dataVersion.map(Version::toString).orElse("none") + "; "
                + remedy.map(r -> r + ", then run the upgrade again").orElse("fix the cause and run the upgrade again"),
                cause);
    }

    /** What a history row, a log line or an exception says of a failure: its first line, with secrets masked. */
    private String errorText(Throwable e) {
        return config.redact().apply(oneLine(e));
    }

    /** The first line of a failure's message, so that errors stay one line in logs and history rows. */
    static String oneLine(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpsilonException(ErrorCode.TASK_FAILED, "interrupted while waiting to retry a task", e);
        }
    }

    /** Carries a transient failure out of one attempt so that the caller retries. */
    private static final class RetryableFailure extends RuntimeException {
        private final transient Optional<String> remedy;

        RetryableFailure(Throwable cause, Optional<String> remedy) {
            super(cause);
            this.remedy = remedy;
        }
    }
}
