package io.upsilon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlaceholdersTest {

    private final Placeholders placeholders = Placeholders.of(Map.of("schema", "billing", "App.Role", "app"));

    @Test
    void replacesNamesCaseInsensitively() {
        assertThat(placeholders.apply("GRANT USAGE ON SCHEMA ${SCHEMA} TO ${app.role};", "x.sql"))
                .isEqualTo("GRANT USAGE ON SCHEMA billing TO app;");
    }

    @Test
    void anEscapedPlaceholderIsWrittenLiterally() {
        assertThat(placeholders.apply("SELECT '\\${schema}', '${schema}'", "x.sql"))
                .isEqualTo("SELECT '${schema}', 'billing'");
        assertThat(Placeholders.used("'\\${unknown}' ${schema}")).containsExactly("schema");
    }

    @Test
    void leavesDollarQuotesAndOtherDollarsAlone() {
        String sql = "DO $$ BEGIN PERFORM $1; END $$; SELECT $tag${\"a\": 1}$tag$, '${ not a name }', '${}'";
        assertThat(placeholders.apply(sql, "x.sql")).isEqualTo(sql);
    }

    @Test
    void anUnknownPlaceholderNamesTheScriptTheKnownOnesAndTheRemedy() {
        assertThatThrownBy(() -> placeholders.apply("CREATE TABLE ${tenant}.t ()", "upsilon.tasks:3 (sql/t.sql)"))
                .isInstanceOfSatisfying(UpsilonException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_PLACEHOLDER);
                    assertThat(e.getMessage()).isEqualTo("upsilon.tasks:3 (sql/t.sql) uses placeholder ${tenant},"
                            + " which has no value (known: app.role, schema); set it with 'placeholders.tenant=...'"
                            + " in the config file, $UPSILON_PLACEHOLDER_TENANT or UpsilonConfig.Builder.placeholders,"
                            + " or write \\${tenant} for the literal text");
                });
        assertThatThrownBy(() -> Placeholders.none().apply("${x}", "s.sql")).hasMessageContaining("no placeholders are"
                + " configured");
    }

    @Test
    void refusesBadNamesNullValuesAndNamesGivenTwice() {
        assertThatThrownBy(() -> Placeholders.of(Map.of("1st", "x"))).hasMessageContaining("'1st' is not usable");
        Map<String, String> nullValue = new HashMap<>();
        nullValue.put("schema", null);
        assertThatThrownBy(() -> Placeholders.of(nullValue)).hasMessageContaining("'schema' has no value");
        assertThatThrownBy(() -> Placeholders.of(Map.of("schema", "a", "SCHEMA", "b")))
                .hasMessageContaining("is given twice");
    }
}
