package io.upsilon.postgres.internal;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the statements that would end or replace the transaction a transactional task runs in: {@code BEGIN},
 * {@code START TRANSACTION}, {@code COMMIT} (also {@code AND CHAIN}, {@code PREPARED}), {@code END}, {@code ABORT},
 * {@code ROLLBACK} (but not {@code ROLLBACK TO SAVEPOINT}, which stays inside it) and {@code PREPARE TRANSACTION}.
 * Savepoints, {@code DO} blocks and {@code CALL} need no check: inside a transaction block PostgreSQL refuses a
 * {@code COMMIT} of a procedure or {@code DO} block ("invalid transaction termination"), which fails the task whole.
 */
final class TransactionControl {

    private static final Set<String> ALWAYS = Set.of("BEGIN", "COMMIT", "END", "ABORT");

    private TransactionControl() {
    }

    /** The first statement of {@code statements} that is transaction control, if any. */
    static Optional<SqlLexer.Statement> find(List<SqlLexer.Statement> statements) {
        return statements.stream().filter(TransactionControl::isTransactionControl).findFirst();
    }

    static boolean isTransactionControl(SqlLexer.Statement statement) {
        List<String> w = statement.words();
        String first = w.get(0);
        String second = w.size() > 1 ? w.get(1) : "";
        if (ALWAYS.contains(first)) {
            return true;
        }
        return switch (first) {
            case "START", "PREPARE" -> second.equals("TRANSACTION");
            case "ROLLBACK" -> !(second.equals("TO")
                    || (second.equals("WORK") || second.equals("TRANSACTION")) && w.size() > 2 && w.get(2).equals("TO"));
            default -> false;
        };
    }
}
