package io.upsilon.migrate.spi;

import io.upsilon.migrate.Row;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A page of rows as PostgreSQL's {@code COPY} writes them, for entities with no transforms: sources that can
 * produce it and targets that can take it move these bytes unparsed instead of {@link Row}s.
 *
 * <p>Text format ({@link #CopyPage(List, byte[], int)}), UTF-8: one row a line ending in {@code \n}, fields separated
 * by tabs, {@code \N} for NULL, backslash escapes ({@code \\ \t \n \r \b \f \v}) inside values, which are each
 * type's text output. Only the last row is decoded (for the checkpoint) and, for incremental runs, the update-time
 * field of each row. Binary format ({@link #binary}): what {@code COPY … (FORMAT binary)} writes, header and trailer
 * included, which a target may take only into columns of exactly the source's built-in types; the source reads its
 * last row's update time and key, and how many rows are fresher than a given update time, in the same snapshot, so
 * nothing in it is decoded.
 *
 * <p>The page owns its bytes: whoever builds one hands the array over and neither side changes it afterwards.
 */
public final class CopyPage {

    private final List<String> columns;
    private final byte[] data;
    private final int length;
    private final int rows;
    /** Binary pages only: the last row's update time and key, and the fresh rows' count (see {@link #binary}). */
    private final Row last;
    private final String updatedAt;
    private final String freshAfter;
    private final long fresh;

    /**
     * @param columns the fields of each line, in order
     * @param data    the lines; only the first {@code length} bytes count
     * @throws IllegalArgumentException if the text does not end with a complete line
     */
    public CopyPage(List<String> columns, byte[] data, int length) {
        this.columns = List.copyOf(columns);
        this.data = Objects.requireNonNull(data);
        this.length = length;
        if (length > 0 && data[length - 1] != '\n') {
            throw new IllegalArgumentException("COPY text must end with a complete line");
        }
        int lines = 0;
        for (int i = 0; i < length; i++) {
            if (data[i] == '\n') { // a newline inside a value is escaped, so every one ends a row
                lines++;
            }
        }
        this.rows = lines;
        this.last = null;
        this.updatedAt = null;
        this.freshAfter = null;
        this.fresh = 0;
    }

    private CopyPage(List<String> columns, byte[] data, int length, int rows, Row last, String updatedAt,
                     String freshAfter, long fresh) {
        this.columns = List.copyOf(columns);
        this.data = Objects.requireNonNull(data);
        this.length = length;
        this.rows = BinaryCopy.tuples(data, length, columns.size());
        if (this.rows != rows) {
            throw new IllegalStateException("binary COPY page has " + this.rows + " rows, the source counted " + rows);
        }
        this.last = last;
        this.updatedAt = updatedAt;
        this.freshAfter = freshAfter;
        this.fresh = fresh;
    }

    /**
     * A page in {@code COPY} binary format, with what the source read about it in the same snapshot.
     *
     * @param rows       its row count
     * @param last       its last row's update time and key, in text form; null when it has no rows
     * @param updatedAt  the update-time field
     * @param freshAfter the update time (text form) that {@code fresh} counts from, or null
     * @param fresh      how many rows have an update time whose text sorts after {@code freshAfter}
     * @throws IllegalStateException if the bytes do not hold {@code rows} rows, or are malformed
     */
    public static CopyPage binary(List<String> columns, byte[] data, int length, int rows, Row last,
                                  String updatedAt, String freshAfter, long fresh) {
        return new CopyPage(columns, data, length, rows, last, updatedAt, freshAfter, fresh);
    }

    /**
     * A page in {@code COPY} binary format read for a snapshot copy: its rows are counted from the bytes, and it has
     * no last row or fresh count (a snapshot copy is positioned by its snapshot, not by its rows).
     *
     * @param updatedAt the update-time field
     * @throws IllegalStateException if the bytes are malformed
     */
    public static CopyPage binary(List<String> columns, byte[] data, int length, String updatedAt) {
        int rows = BinaryCopy.tuples(data, length, columns.size());
        return new CopyPage(columns, data, length, rows, null, updatedAt, null, 0);
    }

    /** Whether the bytes are {@code COPY} binary format (else text). */
    public boolean isBinary() {
        return updatedAt != null;
    }

    public List<String> columns() {
        return columns;
    }

    /** The bytes, valid up to {@link #length()}; do not change them. */
    public byte[] data() {
        return data;
    }

    public int length() {
        return length;
    }

    public int rows() {
        return rows;
    }

    /** The last row, decoded: every field of a text page, the update time and key of a binary one. */
    public Row last() {
        if (rows == 0) {
            throw new IllegalStateException("an empty page has no last row");
        }
        if (isBinary()) {
            return last.copy();
        }
        int start = length - 1;
        while (start > 0 && data[start - 1] != '\n') {
            start--;
        }
        List<String> values = fields(start, length - 1);
        Row row = new Row();
        for (int i = 0; i < columns.size(); i++) {
            row.put(columns.get(i), values.get(i));
        }
        return row;
    }

    /**
     * How many rows have a non-NULL {@code column} whose text sorts after {@code value}.
     *
     * @throws IllegalStateException for a binary page, unless asked what its source counted (its update-time field
     *                               and the {@code freshAfter} it was read with)
     */
    public long countAfter(String column, String value) {
        if (isBinary()) {
            if (!column.equals(updatedAt) || !value.equals(freshAfter)) {
                throw new IllegalStateException("a binary page counts only rows after " + freshAfter + " in "
                        + updatedAt + ", not after " + value + " in " + column);
            }
            return fresh;
        }
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + columns);
        }
        long count = 0;
        int start = 0;
        for (int i = 0; i < length; i++) {
            if (data[i] == '\n') {
                String v = fields(start, i).get(index);
                if (v != null && v.compareTo(value) > 0) {
                    count++;
                }
                start = i + 1;
            }
        }
        return count;
    }

    /** The fields of the line from {@code start} to {@code end} (its newline, excluded), unescaped. */
    private List<String> fields(int start, int end) {
        List<String> values = new ArrayList<>(columns.size());
        byte[] field = new byte[end - start];
        int used = 0;
        boolean escapedNull = false;
        for (int i = start; i <= end; i++) {
            if (i == end || data[i] == '\t') {
                values.add(escapedNull && used == 0 ? null : new String(field, 0, used, StandardCharsets.UTF_8));
                used = 0;
                escapedNull = false;
            } else if (data[i] == '\\' && i + 1 < end) {
                byte next = data[++i];
                if (next == 'N' && used == 0 && (i + 1 == end || data[i + 1] == '\t')) {
                    escapedNull = true;
                } else {
                    field[used++] = unescape(next);
                }
            } else {
                field[used++] = data[i];
            }
        }
        if (values.size() != columns.size()) {
            throw new IllegalStateException("a COPY line has " + values.size() + " fields, expected " + columns);
        }
        return values;
    }

    private static byte unescape(byte b) {
        return switch (b) {
            case 'n' -> '\n';
            case 't' -> '\t';
            case 'r' -> '\r';
            case 'b' -> '\b';
            case 'f' -> '\f';
            case 'v' -> 0x0b;
            default -> b; // \\ and any other escaped character stand for themselves
        };
    }
}
