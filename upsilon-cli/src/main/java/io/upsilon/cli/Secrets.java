package io.upsilon.cli;

import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The secrets of one command run (the database password). Everything the CLI prints, including error messages and
 * stack traces, passes through {@link #redact}, so a password quoted by a driver or a library never reaches the
 * terminal or a log collector.
 */
final class Secrets {

    static final String MASK = "********";

    private final Set<String> values = ConcurrentHashMap.newKeySet();

    void add(String secret) {
        if (secret != null && !secret.isEmpty()) {
            values.add(secret);
            // --json output is redacted after encoding, where a password's " and \ appear escaped
            String json = Json.write(secret);
            values.add(json.substring(1, json.length() - 1));
        }
    }

    String redact(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String result = text;
        // longest first: a password can be the start of its own escaped form (x\ and x\\)
        for (String secret : values.stream().sorted(Comparator.comparingInt(String::length).reversed()).toList()) {
            result = result.replace(secret, MASK);
        }
        return result;
    }
}
