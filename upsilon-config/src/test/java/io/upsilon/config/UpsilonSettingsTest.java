package io.upsilon.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The settings file, UPSILON_* variables and explicit values: precedence, unknown keys, values and where they came from. */
class UpsilonSettingsTest {

    @TempDir
    Path tmp;

    private static UpsilonSettings.Builder builder(Map<String, String> env) {
        return UpsilonSettings.builder().env(env).defaultPlaces(List.of());
    }

    @Test
    void aNamedFileWinsOverTheEnvironmentWhichWinsOverADefaultPlaceFile() throws Exception {
        Path named = Files.writeString(tmp.resolve("named.conf"), "url=jdbc:postgresql://named/db\n");
        Path found = Files.writeString(tmp.resolve("upsilon.conf"), "url=jdbc:postgresql://found/db\nuser=found\n");
        Map<String, String> env = Map.of("UPSILON_URL", "jdbc:postgresql://env/db");

        UpsilonSettings explicit = builder(env).file(named).build();
        assertThat(explicit.get("url")).contains("jdbc:postgresql://named/db");
        assertThat(explicit.source("url")).isEqualTo("'url' in " + named);

        UpsilonSettings byDefault = builder(env).defaultPlaces(List.of(tmp.resolve("absent.conf"), found)).build();
        assertThat(byDefault.get("url")).contains("jdbc:postgresql://env/db");
        assertThat(byDefault.source("url")).isEqualTo("$UPSILON_URL");
        assertThat(byDefault.get("user")).as("what the environment leaves out").contains("found");
        assertThat(byDefault.file()).contains(found);

        UpsilonSettings given = builder(env).file(named).value("url", "jdbc:postgresql://given/db").build();
        assertThat(given.get("url")).contains("jdbc:postgresql://given/db");
    }

    @Test
    void upsilonConfigNamesTheFileAndRanksBelowTheEnvironment() throws Exception {
        Path named = Files.writeString(tmp.resolve("via-env.conf"), "url=jdbc:postgresql://file/db\nschema=s1\n");
        UpsilonSettings settings = builder(Map.of("UPSILON_CONFIG", named.toString(), "UPSILON_URL", "jdbc:x")).build();
        assertThat(settings.get("url")).contains("jdbc:x");
        assertThat(settings.get("schema")).contains("s1");
    }

    @Test
    void anUnknownKeyIsAnErrorNamingTheNearestKnownOne() throws Exception {
        Path conf = Files.writeString(tmp.resolve("upsilon.conf"), "pasword=secret-1234\n");
        assertThatThrownBy(() -> builder(Map.of()).file(conf).build())
                .isInstanceOfSatisfying(UpsilonException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageStartingWith("config file " + conf + ": unknown key 'pasword'; did you mean 'password'?"
                        + " Known keys: url, user,").hasMessageNotContaining("secret-1234");
        assertThatThrownBy(() -> builder(Map.of()).value("lock_timeout", "5")).hasMessageContaining("'lock-timeout'");
        assertThat(UpsilonSettings.nearest("URL")).isEqualTo("url");
        assertThat(UpsilonSettings.envName("table-prefix")).isEqualTo("UPSILON_TABLE_PREFIX");
    }

    @Test
    void aFileThatCannotBeReadIsNamedWithTheWayItWasGiven() {
        assertThatThrownBy(() -> builder(Map.of("UPSILON_CONFIG", tmp.resolve("absent.conf").toString())).build())
                .hasMessageContaining("cannot read the config file").hasMessageContaining("named by $UPSILON_CONFIG");
        assertThatThrownBy(() -> builder(Map.of()).file(tmp.resolve("absent.conf"))
                .names(SettingNames.options("$PW")).build())
                .hasMessageContaining("named by --config").hasMessageEndingWith("given with --config and its permissions");
    }

    @Test
    void typedValuesNameWhereABadOneCameFrom() throws Exception {
        Path conf = Files.writeString(tmp.resolve("upsilon.conf"), "lock=LEASE\nconnect-timeout=5\n");
        UpsilonSettings settings = builder(Map.of("UPSILON_LOCK_TIMEOUT", "soon")).file(conf).build();
        assertThat(settings.choice("lock", List.of("advisory", "lease"))).contains("lease");
        assertThat(settings.seconds("connect-timeout")).contains(Duration.ofSeconds(5));
        assertThat(settings.seconds("node-id")).isEmpty();
        assertThatThrownBy(() -> settings.seconds("lock-timeout")).isInstanceOf(UpsilonException.class)
                .hasMessage("$UPSILON_LOCK_TIMEOUT is 'soon'; give a whole number of seconds, 0 or more");
        UpsilonSettings mutex = builder(Map.of("UPSILON_LOCK", "mutex")).build();
        assertThatThrownBy(() -> mutex.choice("lock", List.of("advisory", "lease")))
                .hasMessage("$UPSILON_LOCK is 'mutex'; use advisory or lease");
    }

    @Test
    void placeholdersComeFromBothWithTheSamePrecedenceAndOptionsOnTop() throws Exception {
        Path conf = Files.writeString(tmp.resolve("upsilon.conf"), "placeholders.Schema=file\nplaceholders.a=file\n");
        Map<String, String> env = Map.of("UPSILON_PLACEHOLDER_SCHEMA", "env", "UPSILON_PLACEHOLDER_B", "env");
        assertThat(builder(env).file(conf).build().placeholders()).containsExactlyInAnyOrderEntriesOf(
                Map.of("schema", "file", "a", "file", "b", "env"));
        assertThat(builder(env).defaultPlaces(List.of(conf)).build().placeholders(Map.of("B", "option")))
                .containsExactlyInAnyOrderEntriesOf(Map.of("schema", "env", "a", "file", "b", "option"));
    }
}
