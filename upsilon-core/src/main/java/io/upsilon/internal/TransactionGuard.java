package io.upsilon.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The connection a transactional task gets: {@code commit()}, {@code rollback()} and {@code setAutoCommit(true)} are
 * refused, since the task's work, its history row and the version bump must commit together (a task that committed
 * half its work would make "its work was rolled back" a lie). Savepoints and everything else pass through.
 */
final class TransactionGuard implements InvocationHandler {

    /** PostgreSQL's invalid_transaction_termination, as for a COMMIT inside a DO block in a transaction. */
    private static final String SQLSTATE = "2D000";

    private final Connection connection;

    private TransactionGuard(Connection connection) {
        this.connection = connection;
    }

    static Connection wrap(Connection connection) {
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new TransactionGuard(connection));
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        boolean ends = switch (method.getName()) {
            case "commit" -> true;
            case "rollback" -> args == null || args.length == 0;
            case "setAutoCommit" -> Boolean.TRUE.equals(args[0]);
            default -> false;
        };
        if (ends) {
            throw new SQLException("a transactional task must not end its own transaction (" + method.getName()
                    + "): its work, history row and version bump commit together; remove the call, or make the task"
                    + " non-transactional (isTransactional() false) and idempotent", SQLSTATE);
        }
        try {
            return method.invoke(connection, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
