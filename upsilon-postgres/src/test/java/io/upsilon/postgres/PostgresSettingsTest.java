package io.upsilon.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The names that end up in SQL text: 1 to 40 of [a-z0-9_], not starting with a digit; everything else refused. */
class PostgresSettingsTest {

    @Test
    void safeNamesAreAccepted() {
        String forty = "a".repeat(40);
        PostgresSettings settings = PostgresSettings.builder().schema("_s9").tablePrefix(forty).lockName("x").build();
        assertThat(settings.toString()).isNotNull();
        PostgresSettings.builder().schema("upsilon_2").build();
    }

    @Test
    void unsafeNamesAreRefusedWithTheRule() {
        for (String bad : new String[] {"", "9a", "A", "a-b", "a;b", "a b", "é", "a".repeat(41)}) {
            assertThatThrownBy(() -> PostgresSettings.builder().schema(bad).build())
                    .as(bad).hasMessageContaining("unsafe schema '" + bad + "'")
                    .hasMessageContaining("1 to 40 lower-case letters");
        }
        assertThatThrownBy(() -> PostgresSettings.builder().schema(null).build()).hasMessageContaining("unsafe schema");
        assertThatThrownBy(() -> PostgresSettings.builder().tablePrefix("Up_").build())
                .hasMessageContaining("unsafe table prefix 'Up_'");
    }
}
