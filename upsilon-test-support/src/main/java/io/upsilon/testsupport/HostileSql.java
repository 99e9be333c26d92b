package io.upsilon.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates valid PostgreSQL statements full of the lexer's traps: semicolons, quotes, backslashes and dollar signs
 * inside every literal form (standard, {@code E''}, {@code U&''}, bit strings, dollar quotes with tags, quoted
 * identifiers), nested and line comments between tokens, {@code DO} blocks and {@code BEGIN ATOMIC} bodies. Each
 * statement runs alone in a transaction on the server; scripts join them with semicolons and comment-laden blanks.
 */
public final class HostileSql {

    private static final String TRAPS = ";'\" $/*-\n\\ab";

    private final Random random;

    public HostileSql(long seed) {
        this.random = new Random(seed);
    }

    /** One statement, without a closing semicolon. */
    public String statement() {
        return switch (random.nextInt(9)) {
            case 0 -> "SELECT '" + text().replace("'", "''") + "'";
            case 1 -> "SELECT E'" + text().replace("\\", "\\\\").replace("'", random.nextBoolean() ? "\\'" : "''") + "'";
            case 2 -> {
                String tag = random.nextBoolean() ? "" : "t" + random.nextInt(10);
                String body = text().replace("$" + tag + "$", "");
                yield "SELECT $" + tag + "$" + (body.endsWith("$") ? body + " " : body) + "$" + tag + "$";
            }
            case 3 -> "SELECT 1 AS \"" + text().replace("\"", "\"\"").replace("\n", " ") + "x\"";
            case 4 -> "SELECT U&'" + text().replace("\\", "\\\\").replace("'", "''") + "'";
            case 5 -> "SELECT B'10' " + filler() + ", X'1F' " + filler() + "-- ;'\n";
            case 6 -> "DO $do$ BEGIN PERFORM '" + text().replace("'", "''").replace("$do$", "") + "'; END $do$";
            case 7 -> "CREATE FUNCTION pg_temp.f" + random.nextInt(1_000_000) + "() RETURNS int LANGUAGE sql"
                    + " BEGIN ATOMIC SELECT CASE WHEN true THEN 1 ELSE 2 END; " + filler() + "SELECT 2; END";
            default -> "SELECT (1 " + filler() + "+ 2) " + filler() + "AS \"a;b\"";
        };
    }

    /** {@code count} statements joined by semicolons, with comments and blanks between them. */
    public String script(List<String> statements) {
        StringBuilder script = new StringBuilder();
        for (String s : statements) {
            script.append(filler()).append(s).append(filler()).append(';');
        }
        return script.append(filler()).toString();
    }

    /** {@code count} fresh statements. */
    public List<String> statements(int count) {
        List<String> statements = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            statements.add(statement());
        }
        return statements;
    }

    /** Blanks and comments that may hold semicolons and quotes. */
    public String filler() {
        return switch (random.nextInt(5)) {
            case 0 -> " ";
            case 1 -> "\n-- c;'\"$$ /*\n";
            case 2 -> " /* a; /* nested '; */ $$ */ ";
            case 3 -> "\t\n";
            default -> "";
        };
    }

    private String text() {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(12);
        for (int i = 0; i < length; i++) {
            text.append(TRAPS.charAt(random.nextInt(TRAPS.length())));
        }
        return text.toString();
    }
}
