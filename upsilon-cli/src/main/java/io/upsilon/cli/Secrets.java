package io.upsilon.cli;

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
        }
    }

    String redact(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : values) {
            result = result.replace(secret, MASK);
        }
        return result;
    }
}
