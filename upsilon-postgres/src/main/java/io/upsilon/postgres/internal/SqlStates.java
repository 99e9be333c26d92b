package io.upsilon.postgres.internal;

import java.sql.SQLException;
import java.util.Set;

/** Classifies PostgreSQL errors by SQLSTATE. */
final class SqlStates {

    /** lock_not_available (lock_timeout ran out), serialization_failure, deadlock_detected. */
    private static final Set<String> TRANSIENT = Set.of("55P03", "40001", "40P01");
    /** admin_shutdown, crash_shutdown, cannot_connect_now. */
    private static final Set<String> SESSION_ENDED = Set.of("57P01", "57P02", "57P03");
    /** undefined_table, invalid_schema_name. */
    private static final Set<String> MISSING = Set.of("42P01", "3F000");

    private SqlStates() {
    }

    static boolean isTransient(Throwable failure) {
        return has(failure, TRANSIENT);
    }

    /** lock_not_available: a lock wait cut short by lock_timeout (or a NOWAIT lock that was taken). */
    static boolean isLockTimeout(Throwable failure) {
        return has(failure, Set.of("55P03"));
    }

    /**
     * The session is gone: a connection exception (class 08) or the server ending it (admin_shutdown, as by
     * pg_terminate_backend; crash_shutdown; cannot_connect_now).
     */
    static boolean isConnectionLoss(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || SESSION_ENDED.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    /** undefined_column: a table made by an older Upsilon that lacks a column added since. */
    static boolean isMissingColumn(Throwable failure) {
        return has(failure, Set.of("42703"));
    }

    static boolean isMissingTable(Throwable failure) {
        return has(failure, MISSING);
    }

    private static boolean has(Throwable failure, Set<String> states) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                for (SQLException e = sql; e != null; e = e.getNextException()) {
                    if (states.contains(e.getSQLState())) {
                        return true;
                    }
                }
            }
        }
        return false;
    }
}
