package io.upsilon.reliability.hostile;

import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Passwords as careless users choose them (a digit, a common word that is part of other words, a long random one with
 * quotes and backslashes), and a failing task that makes PostgreSQL echo one as a literal in each form it has
 * (item 5 of issue 13).
 */
final class PasswordVariants {

    private static final List<String> COMMON = List.of("postgres", "admin", "secret", "upsilon", "version");

    private final Random random;

    PasswordVariants(Random random) {
        this.random = random;
    }

    /** A password; {@code strong} when it is long and random enough to be checked for by its text. */
    record Password(String value, boolean strong) {
    }

    /** A short or common password ({@code strong} false) or a long random one. */
    Password password(boolean strong) {
        if (!strong) {
            return random.nextBoolean() ? new Password(Integer.toString(random.nextInt(10)), false)
                    : new Password(COMMON.get(random.nextInt(COMMON.size())), false);
        }
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        String specials = random.nextBoolean() ? "o'q\\b\"s" : "";
        return new Password("pw" + HexFormat.of().formatHex(bytes) + specials + "end", true);
    }

    /**
     * A statement that fails (no password here is a UUID) with PostgreSQL quoting {@code password} back: as a whole literal, or (half the time)
     * as the start of a longer word, where masking it would tell it ({@code ********ql}).
     */
    String failingStatement(String password) {
        return failingStatementFor(random.nextBoolean() ? password : password + "ql");
    }

    private String failingStatementFor(String password) {
        String literal = "'" + password.replace("'", "''") + "'";
        String escaped = "E'" + password.replace("\\", "\\\\").replace("'", "\\'") + "'";
        return switch (random.nextInt(4)) {
            case 0 -> "SELECT (" + literal + ")::uuid;";
            case 1 -> "SELECT format('%L', " + literal + ")::uuid;";
            case 2 -> "SELECT (" + escaped + ")::uuid;";
            default -> "SELECT quote_literal(" + escaped + ")::uuid;";
        };
    }
}
