package io.upsilon.reliability.hostile;

import java.util.List;
import java.util.Random;

/**
 * Transactional scripts that try to end their own transaction (item 1 of issue 13): every spelling PostgreSQL
 * accepts, in random case with comments between the words, or a COMMIT inside a {@code DO} block or a procedure.
 * Each script creates tables named {@code h_…} before and after; none of them may exist afterwards.
 */
final class TransactionControlVariants {

    private static final List<String> SPELLINGS = List.of("BEGIN", "BEGIN WORK", "BEGIN TRANSACTION", "START TRANSACTION",
            "COMMIT", "COMMIT WORK", "COMMIT AND CHAIN", "COMMIT TRANSACTION AND NO CHAIN", "END", "END WORK", "ABORT",
            "ROLLBACK", "ROLLBACK WORK AND CHAIN", "PREPARE TRANSACTION 'h'", "COMMIT PREPARED 'h'",
            "ROLLBACK PREPARED 'h'", "START TRANSACTION ISOLATION LEVEL SERIALIZABLE");

    private final Random random;

    TransactionControlVariants(Random random) {
        this.random = random;
    }

    /** A script and whether it must be refused before it runs (else it must fail whole when it runs). */
    record Variant(String script, boolean refused) {
    }

    Variant next() {
        StringBuilder script = new StringBuilder();
        int before = random.nextInt(3);
        for (int i = 0; i < before; i++) {
            script.append("CREATE TABLE h_before_").append(i).append(" (id int);\n");
        }
        boolean inBlock = random.nextInt(4) == 0;
        if (inBlock) {
            script.append(random.nextBoolean()
                    ? "DO $x$ BEGIN CREATE TABLE h_in_do (id int); COMMIT; END $x$;\n"
                    : "CREATE PROCEDURE h_p() LANGUAGE plpgsql AS $$ BEGIN CREATE TABLE h_in_p (id int); COMMIT;"
                    + " END $$;\nCALL h_p();\n");
        } else {
            script.append(spell(SPELLINGS.get(random.nextInt(SPELLINGS.size())))).append(";\n");
        }
        script.append("CREATE TABLE h_after (id int);\n");
        if (random.nextBoolean()) {
            script.append("SELECT 1/0;\n");
        }
        return new Variant(script.toString(), !inBlock);
    }

    /** The words in random case, with comments or line breaks between them. */
    private String spell(String statement) {
        StringBuilder out = new StringBuilder(random.nextBoolean() ? "/* lead; */ " : "");
        for (String word : statement.split(" ")) {
            StringBuilder w = new StringBuilder();
            for (char c : word.toCharArray()) {
                w.append(random.nextBoolean() ? Character.toLowerCase(c) : c);
            }
            out.append(w).append(switch (random.nextInt(4)) {
                case 0 -> " /* c */ ";
                case 1 -> " -- c;\n";
                case 2 -> "\n\t";
                default -> " ";
            });
        }
        return out.toString();
    }
}
