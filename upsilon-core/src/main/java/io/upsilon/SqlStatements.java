package io.upsilon;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a PostgreSQL script into statements at top-level semicolons, leaving alone those inside quotes, quoted
 * identifiers, dollar-quoted bodies and comments. Needed for non-transactional scripts: the driver would send a
 * multi-statement string as one implicit transaction, which {@code CREATE INDEX CONCURRENTLY} refuses.
 */
final class SqlStatements {

    private SqlStatements() {
    }

    static List<String> split(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int i = 0;
        int n = script.length();
        while (i < n) {
            char c = script.charAt(i);
            int end;
            if (c == '\'' || c == '"') {
                end = closing(script, i + 1, c);
            } else if (c == '-' && i + 1 < n && script.charAt(i + 1) == '-') {
                end = script.indexOf('\n', i);
                end = end < 0 ? n : end + 1;
            } else if (c == '/' && i + 1 < n && script.charAt(i + 1) == '*') {
                end = blockCommentEnd(script, i);
            } else if (c == '$' && dollarTag(script, i) != null) {
                String tag = dollarTag(script, i);
                int close = script.indexOf(tag, i + tag.length());
                end = close < 0 ? n : close + tag.length();
            } else if (c == ';') {
                add(statements, current);
                current.setLength(0);
                i++;
                continue;
            } else {
                end = i + 1;
            }
            current.append(script, i, end);
            i = end;
        }
        add(statements, current);
        return statements;
    }

    private static void add(List<String> statements, StringBuilder text) {
        String statement = text.toString().strip();
        if (!statement.isEmpty() && !onlyComments(statement)) {
            statements.add(statement);
        }
    }

    private static boolean onlyComments(String statement) {
        return statement.lines().map(String::strip).allMatch(l -> l.isEmpty() || l.startsWith("--"));
    }

    /** The index after the quote that closes one opened just before {@code from}; doubled quotes are escapes. */
    private static int closing(String s, int from, char quote) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == quote) {
                if (i + 1 < s.length() && s.charAt(i + 1) == quote) {
                    i++;
                } else {
                    return i + 1;
                }
            }
        }
        return s.length();
    }

    /** PostgreSQL block comments nest. */
    private static int blockCommentEnd(String s, int start) {
        int depth = 0;
        for (int i = start; i + 1 < s.length(); i++) {
            if (s.charAt(i) == '/' && s.charAt(i + 1) == '*') {
                depth++;
                i++;
            } else if (s.charAt(i) == '*' && s.charAt(i + 1) == '/') {
                depth--;
                i++;
                if (depth == 0) {
                    return i + 1;
                }
            }
        }
        return s.length();
    }

    /** The dollar-quote tag starting at {@code i} ({@code $$} or {@code $name$}), or null if none starts there. */
    private static String dollarTag(String s, int i) {
        if (i > 0 && (Character.isLetterOrDigit(s.charAt(i - 1)) || s.charAt(i - 1) == '_')) {
            return null; // part of an identifier such as a$b, or a positional parameter
        }
        int j = i + 1;
        while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            if (j == i + 1 && Character.isDigit(s.charAt(j))) {
                return null; // $1 is a parameter, not a tag
            }
            j++;
        }
        return j < s.length() && s.charAt(j) == '$' ? s.substring(i, j + 1) : null;
    }
}
