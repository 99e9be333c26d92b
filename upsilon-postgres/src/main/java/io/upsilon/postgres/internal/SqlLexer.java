package io.upsilon.postgres.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Cuts a PostgreSQL script into statements by PostgreSQL's lexical rules (the server's {@code scan.l} and psql's
 * {@code psqlscan.l}): a semicolon ends a statement only outside string literals ({@code '…'} with {@code ''},
 * {@code E'…'} with backslash escapes, {@code B'…'}, {@code X'…'}, {@code N'…'}, {@code U&'…'}), quoted identifiers
 * ({@code "…"}, {@code U&"…"}), dollar quotes ({@code $tag$…$tag$}, a tag never starts with a digit), comments
 * ({@code --} and nested {@code /* … *}{@code /}), parentheses and the {@code BEGIN ATOMIC … END} body of a
 * SQL-standard function. {@code SET standard_conforming_strings = off} in the script makes later plain strings take
 * backslash escapes, as the server would. A literal, identifier or comment left open is an error: the script is
 * refused as a whole instead of being cut somewhere the server would not cut it.
 */
final class SqlLexer {

    /** Where a script cannot be cut, as "line N: what". */
    static final class SyntaxError extends RuntimeException {
        SyntaxError(String message) {
            super(message);
        }
    }

    /**
     * One statement: its text without the closing semicolon, the line it starts on, its first few bare words in
     * upper case (comments skipped), and whether it holds a {@code BEGIN ATOMIC} body.
     */
    record Statement(String text, int line, List<String> words, boolean atomicBody) {
    }

    private static final Pattern SCS_OFF = Pattern.compile(
            "(?is)SET\\s+(SESSION\\s+)?standard_conforming_strings\\s*(=|TO)\\s*'?(off|false|no|0)'?\\s*");
    private static final Pattern SCS_SET = Pattern.compile("(?is)(SET|RESET)\\s+(SESSION\\s+)?standard_conforming_strings\\b.*");
    private static final int WORDS = 4;

    private final String s;
    private final int n;
    private final List<Statement> statements = new ArrayList<>();
    private boolean standardConformingStrings = true;
    private int i;
    private int line = 1;
    // the statement being read
    private int start;
    private int codeStart = -1;
    private int codeLine;
    private final List<String> words = new ArrayList<>();
    private int parenDepth;
    private int beginDepth;
    private boolean atomicBody;

    private SqlLexer(String script) {
        this.s = script;
        this.n = script.length();
    }

    /** The statements of {@code script}, in order; statements holding only comments and blanks are left out. */
    static List<Statement> statements(String script) {
        SqlLexer lexer = new SqlLexer(script);
        lexer.run();
        return lexer.statements;
    }

    private void run() {
        while (i < n) {
            char c = s.charAt(i);
            if (c == ';' && parenDepth == 0 && beginDepth == 0) {
                endStatement(i);
                i++;
                start = i;
            } else if (c == '\n') {
                line++;
                i++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\u000B') {
                i++;
            } else if (c == '-' && at(i + 1, '-')) {
                while (i < n && s.charAt(i) != '\n' && s.charAt(i) != '\r') {
                    i++;
                }
            } else if (c == '/' && at(i + 1, '*')) {
                blockComment();
            } else {
                code();
            }
        }
        endStatement(n);
    }

    /** A token that is not a blank or a comment. */
    private void code() {
        boolean first = codeStart < 0;
        if (first) {
            codeStart = i;
            codeLine = line;
        }
        token();
        if (first && words.isEmpty()) {
            words.add(""); // the statement does not start with a bare word
        }
    }

    private void token() {
        char c = s.charAt(i);
        char next = i + 1 < n ? s.charAt(i + 1) : 0;
        if ((c == 'E' || c == 'e') && next == '\'') {
            i++;
            quoted('\'', true, "escape string");
        } else if ((c == 'B' || c == 'b' || c == 'X' || c == 'x' || c == 'N' || c == 'n') && next == '\'') {
            i++;
            quoted('\'', !standardConformingStrings && (c == 'N' || c == 'n'), "string");
        } else if ((c == 'U' || c == 'u') && next == '&' && i + 2 < n
                && (s.charAt(i + 2) == '\'' || s.charAt(i + 2) == '"')) {
            i += 2;
            quoted(s.charAt(i), false, s.charAt(i) == '"' ? "quoted identifier" : "Unicode string");
        } else if (identStart(c)) {
            identifier();
        } else if (c == '\'') {
            quoted('\'', !standardConformingStrings, "string");
        } else if (c == '"') {
            quoted('"', false, "quoted identifier");
        } else if (c == '$') {
            dollar();
        } else if (c >= '0' && c <= '9') {
            while (i < n && (identCont(s.charAt(i)) && s.charAt(i) != '$' || s.charAt(i) == '.')) {
                i++;
            }
        } else {
            if (c == '(' || c == '[') {
                parenDepth++;
            } else if ((c == ')' || c == ']') && parenDepth > 0) {
                parenDepth--;
            }
            i++;
        }
    }

    private void identifier() {
        int from = i;
        while (i < n && identCont(s.charAt(i))) {
            i++;
        }
        String word = s.substring(from, i).toUpperCase(Locale.ROOT);
        if (words.size() < WORDS) {
            words.add(word);
        }
        // psql's rule: inside CREATE [OR REPLACE] FUNCTION|PROCEDURE, BEGIN (ATOMIC) … END holds semicolons
        if (parenDepth == 0 && createsRoutine()) {
            if (word.equals("BEGIN")) {
                beginDepth++;
                atomicBody = true;
            } else if (word.equals("CASE") && beginDepth > 0) {
                beginDepth++;
            } else if (word.equals("END") && beginDepth > 0) {
                beginDepth--;
            }
        }
    }

    private boolean createsRoutine() {
        if (words.size() < 2 || !words.get(0).equals("CREATE")) {
            return false;
        }
        String kind = words.get(1).equals("OR") && words.size() >= 4 ? words.get(3) : words.get(1);
        return kind.equals("FUNCTION") || kind.equals("PROCEDURE");
    }

    /** A literal or quoted identifier whose opening quote is at {@code i}; a doubled quote stands for itself. */
    private void quoted(char quote, boolean backslashEscapes, String what) {
        int openLine = line;
        i++;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '\n') {
                line++;
            }
            if (backslashEscapes && c == '\\' && i + 1 < n) {
                if (s.charAt(i + 1) == '\n') {
                    line++;
                }
                i += 2;
            } else if (c == quote) {
                if (at(i + 1, quote)) {
                    i += 2;
                } else {
                    i++;
                    return;
                }
            } else {
                i++;
            }
        }
        throw new SyntaxError("line " + openLine + ": unterminated " + what + " (opened with " + quote
                + " and never closed)");
    }

    /** {@code $1} (a parameter), {@code $tag$…$tag$} / {@code $$…$$} (a dollar-quoted string), or a lone $. */
    private void dollar() {
        int j = i + 1;
        if (j < n && identStart(s.charAt(j))) {
            while (j < n && identCont(s.charAt(j)) && s.charAt(j) != '$') {
                j++;
            }
        } else if (j < n && Character.isDigit(s.charAt(j))) {
            while (j < n && Character.isDigit(s.charAt(j))) {
                j++;
            }
            i = j;
            return;
        }
        if (j >= n || s.charAt(j) != '$') {
            i++;
            return;
        }
        String tag = s.substring(i, j + 1);
        int close = s.indexOf(tag, j + 1);
        if (close < 0) {
            throw new SyntaxError("line " + line + ": unterminated dollar-quoted string (opened with " + tag
                    + " and never closed)");
        }
        line += count(j + 1, close, '\n');
        i = close + tag.length();
    }

    /** PostgreSQL block comments nest. */
    private void blockComment() {
        int openLine = line;
        int depth = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c == '/' && at(i + 1, '*')) {
                depth++;
                i += 2;
            } else if (c == '*' && at(i + 1, '/')) {
                depth--;
                i += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                if (c == '\n') {
                    line++;
                }
                i++;
            }
        }
        throw new SyntaxError("line " + openLine + ": unterminated /* comment");
    }

    private void endStatement(int end) {
        if (codeStart >= 0) {
            String text = s.substring(start, end).strip();
            statements.add(new Statement(text, codeLine, List.copyOf(words), atomicBody));
            String code = s.substring(codeStart, end);
            if (SCS_SET.matcher(code).matches()) {
                standardConformingStrings = !SCS_OFF.matcher(code).matches();
            }
        }
        codeStart = -1;
        words.clear();
        parenDepth = 0;
        beginDepth = 0;
        atomicBody = false;
    }

    private boolean at(int index, char c) {
        return index < n && s.charAt(index) == c;
    }

    private int count(int from, int to, char c) {
        int k = 0;
        for (int j = from; j < to; j++) {
            if (s.charAt(j) == c) {
                k++;
            }
        }
        return k;
    }

    /** PostgreSQL's ident_start: a letter, an underscore or any non-ASCII character. */
    private static boolean identStart(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80;
    }

    /** PostgreSQL's ident_cont: ident_start, a digit or a dollar sign. */
    private static boolean identCont(char c) {
        return identStart(c) || c >= '0' && c <= '9' || c == '$';
    }
}
