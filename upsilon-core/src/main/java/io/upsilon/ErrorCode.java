package io.upsilon;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What went wrong, as a stable code. Each code maps to the command-line exit code and the HTTP status that report it.
 *
 * <p>Exit codes: {@code 0} ok, {@code 1} a failed upgrade or no safe release chain, {@code 2} usage or bad input,
 * {@code 3} the cluster lock was not acquired in time, {@code 4} the database could not be connected to. A
 * failure reported after the work ran (a drain that timed out, a mismatch, a tenant that failed) exits with
 * {@code 1}. The CLI lists them in every {@code --help}, generated from this enum.
 */
public enum ErrorCode {
    /** A string that is not a version. */
    INVALID_VERSION(2, 400),
    /** Input that cannot be used: an option, an identifier, a module id, a configuration value. */
    BAD_INPUT(2, 400),
    /** The manifest cannot be read or is malformed. */
    INVALID_MANIFEST(2, 400),
    /** No backend on the class path serves the database's JDBC URL; the message names its scheme and the remedy. */
    UNKNOWN_BACKEND(2, 400),
    /** A downgrade was asked for but some task in between has no rollback. */
    DOWNGRADE_REFUSED(2, 409),
    /** The requested target version is not one the manifest knows. */
    UNKNOWN_VERSION(2, 400),
    /**
     * No chain of safe release steps leads from one release to another: every way on breaks a compatibility rule,
     * or (rolling back) a task on the way has no rollback. The message names the missing step and the rule.
     */
    NO_SAFE_CHAIN(1, 409),
    /** An upgrade task failed; its transaction was rolled back. */
    TASK_FAILED(1, 500),
    /**
     * A commit was refused because the fencing token is no longer the lock holder's, or work was refused because
     * this node is fenced (its software no longer serves the data version).
     */
    FENCED(1, 503),
    /** Work was refused because this node is not READY yet (upgrading or waiting for the data version). */
    NOT_READY(1, 503),
    /** Work was refused because the maintenance window stayed open longer than the gate may hold it. */
    MAINTENANCE(1, 503),
    /**
     * Work was refused because a side-by-side cut-over retired this cluster: the service moved to another one, which
     * the message names when it is known.
     */
    MOVED(1, 503),
    /**
     * The manifest no longer matches what was applied: an applied SQL script was edited, or a task was added to a
     * version the data has already passed. The message names the task, the recorded and current checksums and the
     * remedy ({@code upsilon repair}, {@code --out-of-order}).
     */
    VALIDATION_FAILED(2, 409),
    /**
     * A baseline was refused: the store already has Upsilon history, or the other tool's history does not match
     * the manifest (an unknown or failed migration, a script changed since it ran).
     */
    BASELINE_REFUSED(2, 409),
    /** A SQL script uses a placeholder that no configuration gives a value to. */
    UNKNOWN_PLACEHOLDER(2, 400),
    /** The cluster lock could not be acquired within the wait timeout. */
    LOCK_TIMEOUT(3, 503),
    /** The store could not be reached or answered with an error. */
    STORE_FAILURE(1, 503),
    /**
     * Nodes still had work in flight when the maintenance drain's timeout ran out; the window stays open (the
     * message names the busy nodes).
     */
    DRAIN_TIMEOUT(1, 503),
    /** A verification found the target different from the transformed source (missing, extra or different keys). */
    VERIFY_MISMATCH(1, 409),
    /**
     * A continuous migration gave up: the catch-up runs never read few enough rows to cut over within the allowed
     * number of runs. Nothing was cut over.
     */
    LAG_TOO_HIGH(1, 503),
    /** A cut-over verified clean, but the traffic switch failed: traffic stays on the old cluster. */
    SWITCH_FAILED(1, 502),
    /**
     * A purge was refused: the schema of the tenant's name belongs to another tenant and module (two pairs map to
     * one schema name), and this tenant's install failed, so it owns nothing to drop.
     */
    SCHEMA_NOT_OWNED(1, 409),
    /** A tenant upgrade stopped at its canary: the canary's own upgrade failed (rolled back). */
    CANARY_FAILED(1, 500),
    /** A tenant upgrade stopped at its canary: the canary's upgrade was refused (e.g. a downgrade without rollback). */
    CANARY_REJECTED(1, 400),
    /** A tenant upgrade stopped at its canary: the canary upgraded, but the check run on it afterwards failed. */
    CANARY_CHECK_FAILED(1, 500),
    /** A tenant's install or upgrade failed and was rolled back: it keeps its version and data. */
    TENANT_FAILED(1, 500),
    /** A tenant's install or upgrade was refused (e.g. a downgrade across a task without rollback); nothing changed. */
    TENANT_REJECTED(1, 400),
    /**
     * The database could not be connected to at all (down, unreachable, still starting past the connect timeout, or
     * refusing the login): nothing was read or changed. Its own exit code, so a script can tell "try again later"
     * from a failed upgrade.
     */
    DATABASE_UNREACHABLE(4, 503);

    /** SQLSTATE class 08, connection exception: the server was not reached or dropped the connection. */
    private static final String CONNECTION_EXCEPTION = "08";

    /** What an exit code means in general; the codes that end with it say which failures give it. */
    private static final Map<Integer, String> EXIT_MEANINGS = Map.of(
            1, "failed (the error code says what)",
            2, "usage, bad input or a refusal that changed nothing",
            3, "the cluster lock was not acquired in time",
            4, "the database could not be connected to; nothing was read or changed");

    private final int exitCode;
    private final int httpStatus;

    ErrorCode(int exitCode, int httpStatus) {
        this.exitCode = exitCode;
        this.httpStatus = httpStatus;
    }

    /** The command-line exit code for this error. */
    public int exitCode() {
        return exitCode;
    }

    /** The HTTP status a control endpoint answers with for this error. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The code to report for {@code e}: its own, except that a {@link #STORE_FAILURE} caused by a connection that
     * could not be opened (SQLSTATE class 08 anywhere in its causes) is {@link #DATABASE_UNREACHABLE}, so "try again
     * later" never looks like a failed upgrade.
     */
    public static ErrorCode of(UpsilonException e) {
        if (e.code() == STORE_FAILURE) {
            for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && sql.getSQLState() != null
                        && sql.getSQLState().startsWith(CONNECTION_EXCEPTION)) {
                    return DATABASE_UNREACHABLE;
                }
            }
        }
        return e.code();
    }

    /** Every code by its exit code: the exit codes in ascending order, each with its codes in declaration order. */
    public static SortedMap<Integer, List<ErrorCode>> byExitCode() {
        SortedMap<Integer, List<ErrorCode>> byExit = new TreeMap<>();
        for (ErrorCode code : values()) {
            byExit.computeIfAbsent(code.exitCode, k -> new ArrayList<>()).add(code);
        }
        return byExit;
    }

    /**
     * What exit code {@code exitCode} means in general, e.g. {@code "the cluster lock was not acquired in time"} for
     * 3; {@code "failed"} for an exit code no other meaning is given for. The codes that end with it say more.
     */
    public static String exitMeaning(int exitCode) {
        return EXIT_MEANINGS.getOrDefault(exitCode, "failed");
    }
}
