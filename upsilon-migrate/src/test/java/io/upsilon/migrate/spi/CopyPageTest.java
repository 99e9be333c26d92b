package io.upsilon.migrate.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.migrate.Row;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Decoding what the copier needs from COPY text: the last row and the count of rows after a watermark. */
class CopyPageTest {

    private static CopyPage page(String text) {
        byte[] bytes = (text + "garbage after the length").getBytes(StandardCharsets.UTF_8);
        return new CopyPage(List.of("k", "v", "at"), bytes, text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void lastRowIsUnescapedWithNullsAndEmptyStringsApart() {
        CopyPage page = page("1\tfirst\t2026-01-01\n"
                + "a\\tb\\nc\\\\d\\re\\bf\\fg\\vh ü\t\\N\t\n");

        assertThat(page.rows()).isEqualTo(2);
        Row last = page.last();
        assertThat(last.get("k")).isEqualTo("a\tb\nc\\d\re\bf\fg\u000bh ü");
        assertThat(last.has("v")).isTrue();
        assertThat(last.get("v")).isNull();
        assertThat(last.get("at")).isEmpty();
    }

    @Test
    void anEscapedBackslashBeforeNIsTextNotNull() {
        Row last = page("\\\\N\tx\\N\t\\N\n").last();

        assertThat(last.get("k")).isEqualTo("\\N");
        assertThat(last.get("v")).isEqualTo("xN");
        assertThat(last.get("at")).isNull();
    }

    @Test
    void countsRowsWhoseUpdateTimeSortsAfterTheWatermarkSkippingNulls() {
        CopyPage page = page("1\ta\t2026-01-01 00:00:01\n2\tb\t\\N\n3\tc\t2026-01-02\n4\td\t2026-01-01\n");

        assertThat(page.countAfter("at", "2026-01-01")).isEqualTo(2);
        assertThat(page.countAfter("at", "2026-01-02")).isZero();
    }

    @Test
    void refusesTextThatEndsInsideALineOrLinesOfTheWrongWidth() {
        byte[] bytes = "1\ta\tx".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> new CopyPage(List.of("k", "v", "at"), bytes, bytes.length))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> page("1\ta\n").last()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("2 fields");
    }

    /** Binary COPY of two rows of (int4, text): 42, NULL and 7, 'hi'. */
    private static byte[] binaryRows() {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(64);
        b.put("PGCOPY\n\377\r\n\0".getBytes(StandardCharsets.ISO_8859_1)).putInt(0).putInt(0);
        b.putShort((short) 2).putInt(4).putInt(42).putInt(-1);
        b.putShort((short) 2).putInt(4).putInt(7).putInt(2).put("hi".getBytes(StandardCharsets.US_ASCII));
        b.putShort((short) -1);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void aBinaryPageAnswersWithWhatItsSourceReadAndMustHoldAsManyRows() {
        byte[] data = binaryRows();
        Row last = new Row().put("at", "2026-01-02").put("id", "7");
        CopyPage page = CopyPage.binary(List.of("id", "note"), data, data.length, 2, last, "at", "2026-01-01", 1);

        assertThat(page.isBinary()).isTrue();
        assertThat(page.rows()).isEqualTo(2);
        assertThat(page.last()).isEqualTo(last);
        assertThat(page.countAfter("at", "2026-01-01")).isEqualTo(1);
        assertThatThrownBy(() -> page.countAfter("at", "2025-01-01")).hasMessageContaining("only rows after");

        assertThatThrownBy(() -> CopyPage.binary(List.of("id", "note"), data, data.length, 1, last, "at", null, 0))
                .hasMessageContaining("2 rows");
        assertThatThrownBy(() -> CopyPage.binary(List.of("id", "note"), data, data.length - 1, 2, last, "at", null,
                0)).hasMessageContaining("malformed");
    }
}
