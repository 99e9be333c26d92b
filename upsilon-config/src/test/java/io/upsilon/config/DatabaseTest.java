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
import org.postgresql.ds.PGSimpleDataSource;

/** Where the user and password come from, which reaches the driver, and which URLs are refused. */
class DatabaseTest {

    private static final String URL = "jdbc:postgresql://db.example:5432/app?user=url-user&sslmode=disable";

    @TempDir
    Path tmp;

    @Test
    void passwordFromTheEnvironmentReachesTheDriverAndIsASecret() throws Exception {
        Secrets secrets = new Secrets();
        UpsilonSettings settings = settings(null, Map.of("UPSILON_URL", URL, "UPSILON_PASSWORD", "from-env",
                "UPSILON_CONNECT_TIMEOUT", "0"));
        PGSimpleDataSource source = Database.connect(settings, secrets).dataSource().unwrap(PGSimpleDataSource.class);

        assertThat(source.getPassword()).isEqualTo("from-env");
        assertThat(source.getUser()).isEqualTo("url-user");
        assertThat(source.getApplicationName()).isEqualTo(Database.DEFAULT_APPLICATION_NAME);
        assertThat(secrets.redact("x from-env y")).isEqualTo("x " + Secrets.MASK + " y");
    }

    @Test
    void aNamedFileWinsOverTheEnvironmentAndAnExplicitValueOverBoth() throws Exception {
        Path config = Files.writeString(tmp.resolve("db.properties"), "url=" + URL + "\npassword=from-file\n"
                + "user=file-user\n");
        Map<String, String> env = Map.of("UPSILON_PASSWORD", "from-env", "UPSILON_USER", "env-user");
        PGSimpleDataSource fromFile = Database.connect(settings(config, env), new Secrets()).dataSource()
                .unwrap(PGSimpleDataSource.class);
        assertThat(fromFile.getPassword()).isEqualTo("from-file");
        assertThat(fromFile.getUser()).isEqualTo("file-user");

        UpsilonSettings explicit = UpsilonSettings.builder().env(env).file(config).value("user", "given-user")
                .build();
        assertThat(Database.connect(explicit, new Secrets()).dataSource().unwrap(PGSimpleDataSource.class).getUser())
                .isEqualTo("given-user");
    }

    @Test
    void descriptionLeavesOutTheQueryAndTheApplicationNameCanBeGiven() throws Exception {
        Database database = Database.builder(URL).applicationName("upsilon-cli").connect();
        assertThat(database.description()).isEqualTo("jdbc:postgresql://db.example:5432/app");
        assertThat(database.dataSource().unwrap(PGSimpleDataSource.class).getApplicationName())
                .isEqualTo("upsilon-cli");
        database.applicationName(NodeTag.of("node-1"));
        assertThat(database.dataSource().unwrap(PGSimpleDataSource.class).getApplicationName())
                .isEqualTo("upsilon:node-1");
    }

    @Test
    void aUrlOfAnotherDatabaseIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> Database.builder("jdbc:mysql://x/y").names(SettingNames.options("$PW")).connect())
                .isInstanceOfSatisfying(UpsilonException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageStartingWith("--url must be a PostgreSQL JDBC URL").hasMessageContaining("jdbc:postgresql://");
    }

    @Test
    void aUrlWithAPasswordIsRefusedWithoutEchoingIt() {
        Secrets secrets = new Secrets();
        assertThatThrownBy(() -> Database.builder("jdbc:postgresql://db/app?user=a&password=url-pw%21x")
                .secrets(secrets).connect())
                .isInstanceOfSatisfying(UpsilonException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageContaining("must not carry a password").hasMessageContaining("$UPSILON_PASSWORD");
        assertThat(secrets.redact("url-pw%21x and url-pw!x")).isEqualTo(Secrets.MASK + " and " + Secrets.MASK);
    }

    @Test
    void settingsWithoutAUrlSayWhichSettingToSet() {
        assertThatThrownBy(() -> Database.connect(settings(null, Map.of()), new Secrets()))
                .isInstanceOfSatisfying(UpsilonException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessage("no database given; set $UPSILON_URL or 'url' in the settings file");
    }

    private static UpsilonSettings settings(Path file, Map<String, String> env) {
        return UpsilonSettings.builder().env(env).file(file).defaultPlaces(List.of()).build();
    }
}
