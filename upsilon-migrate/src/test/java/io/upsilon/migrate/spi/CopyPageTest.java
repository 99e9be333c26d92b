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
}
