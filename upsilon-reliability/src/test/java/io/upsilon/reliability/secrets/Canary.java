package io.upsilon.reliability.secrets;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A password that is easy to find and hard to find by accident: a random {@code canary-<hex>} head, optionally
 * characters that shells, URLs, JSON, SQL and Java properties treat specially, and a random {@code tail-<hex>}. Any
 * copy, escaped or encoded ({@code \"} in JSON, {@code %27} in a URL, {@code ''} in SQL), still contains the head;
 * a copy cut at a special character still contains the head or the tail. {@link #count} counts either, so a leak
 * in any of these forms is found, while the output never has to print the password to say where it was.
 *
 * @param password the password itself
 * @param head     its distinctive start
 * @param tail     its distinctive end
 */
public record Canary(String password, String head, String tail) {

    /** What shells ({@code $ ` ' " \ ; & |}), URLs ({@code % ? # @ : / =}), JSON and properties files trip on. */
    static final String SPECIAL = "'\"\\$(id)`&;| <>%41?#@:/={}[]!~\u00fc";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A fresh canary: {@code name-<hex>}, with the special characters when {@code special}, then the tail. */
    public static Canary random(String name, boolean special) {
        String head = name + "-" + hex();
        String tail = "tail-" + hex();
        return new Canary(head + "-" + (special ? SPECIAL + "-" : "") + tail, head, tail);
    }

    private static String hex() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** How many copies of the password (whole or cut at a special character) {@code text} holds. */
    public int count(String text) {
        return text == null ? 0 : Math.max(occurrences(text, head), occurrences(text, tail));
    }

    /** {@code text} with the head and tail replaced, so that a report of where a leak was does not repeat it. */
    public String mask(String text) {
        return text.replace(head, "<CANARY-HEAD>").replace(tail, "<CANARY-TAIL>");
    }

    private static int occurrences(String text, String token) {
        int n = 0;
        for (int i = text.indexOf(token); i >= 0; i = text.indexOf(token, i + token.length())) {
            n++;
        }
        return n;
    }

    /** Never the password: records print themselves in assertion messages. */
    @Override
    public String toString() {
        return "Canary[<hidden>]";
    }
}
