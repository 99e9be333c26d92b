package io.upsilon.tenant;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.util.regex.Pattern;

/**
 * A tenant id: {@code ^[a-z][a-z0-9_]{0,30}$}, and none of PostgreSQL's reserved names ({@code pg_*},
 * {@code public}, {@code information_schema}). Checked before anything else happens, so a hostile id never reaches
 * SQL (and every identifier that does is quoted as well).
 */
public final class TenantId implements Comparable<TenantId> {

    private static final Pattern SYNTAX = Pattern.compile("[a-z][a-z0-9_]{0,30}");
    /** Names PostgreSQL or clients reserve: system schemas, and what a sloppy client sends for "no tenant". */
    private static final java.util.Set<String> RESERVED = java.util.Set.of("public", "information_schema", "null",
            "undefined", "none");

    private final String value;

    private TenantId(String value) {
        this.value = value;
    }

    /**
     * @throws UpsilonException {@link ErrorCode#BAD_INPUT} for anything else; the message shows the id escaped, so
     *                          a hostile id cannot forge log lines either
     */
    public static TenantId parse(String text) {
        if (text == null || !SYNTAX.matcher(text).matches()) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "invalid tenant id " + printable(text) + ": use 1 to 31"
                    + " characters a-z, 0-9 and _, starting with a letter");
        }
        if (text.startsWith("pg_") || RESERVED.contains(text)) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "invalid tenant id " + printable(text) + ": it is"
                    + " reserved (pg_*, public, information_schema, null); choose another");
        }
        return new TenantId(text);
    }

    /**
     * Text quoted for a one-line message: anything unprintable or non-ASCII escaped, cut at 40 characters, so a
     * hostile value can neither forge nor split a log line.
     */
    public static String printable(String text) {
        if (text == null) {
            return "(none)";
        }
        StringBuilder out = new StringBuilder("'");
        text.codePoints().limit(40).forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7f && cp != '\'') {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("\\u%04x", cp));
            }
        });
        return out.append(text.codePointCount(0, text.length()) > 40 ? "'…" : "'").toString();
    }

    public String value() {
        return value;
    }

    @Override
    public int compareTo(TenantId other) {
        return value.compareTo(other.value);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TenantId t && value.equals(t.value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
