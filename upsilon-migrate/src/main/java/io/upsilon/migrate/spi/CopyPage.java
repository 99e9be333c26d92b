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
 * included, which a target may take only into columns of exactly the source's built-in types; it comes with a text
 * page of the same rows' update time and key, in the same order, which answers {@link #rows}, {@link #last} and
 * {@link #countAfter}.
 *
 * <p>The page owns its bytes: whoever builds one hands the array over and neither side changes it afterwards.
 */
public final class CopyPage {

    private final List<String> columns;
    private final byte[] data;
    private final int length;
    private final int rows;
    private final CopyPage order;

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
        this.order = null;
    }

    private CopyPage(List<String> columns, byte[] data, int length, CopyPage order) {
        this.columns = List.copyOf(columns);
        this.data = Objects.requireNonNull(data);
        this.length = length;
        this.order = order;
        this.rows = order.rows();
        int tuples = BinaryCopy.tuples(data, length, columns.size());
        if (tuples != rows) {
            throw new IllegalStateException("binary COPY page has " + tuples + " rows, its order page " + rows);
        }
    }

    /**
     * A page in {@code COPY} binary format.
     *
     * @param order the same rows' update time and key in text format, in the same order
     * @throws IllegalStateException if the two do not hold the same number of rows, or the binary is malformed
     */
    public static CopyPage binary(List<String> columns, byte[] data, int length, CopyPage order) {
        return new CopyPage(columns, data, length, order);
    }

    /** Whether the bytes are {@code COPY} binary format (else text). */
    public boolean isBinary() {
        return order != null;
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
        if (order != null) {
            return order.last();
        }
        if (rows == 0) {
            throw new IllegalStateException("an empty page has no last row");
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

    /** How many rows have a non-NULL {@code column} whose text sorts after {@code value}. */
    public long countAfter(String column, String value) {
        if (order != null) {
            return order.countAfter(column, value);
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
