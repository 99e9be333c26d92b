package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine;

/** Where the user and password come from, and which reaches the driver. */
class DatabaseTest {

    private static final String URL = "jdbc:postgresql://db.example:5432/app?user=url-user&sslmode=disable";

    @TempDir
    Path tmp;

    @Test
    void passwordFromTheEnvironmentReachesTheDriverAndIsASecret() throws Exception {
        Secrets secrets = new Secrets();
        Credentials credentials = Credentials.resolve(options(), Map.of(Main.PASSWORD_ENV, "from-env"), secrets);
        PGSimpleDataSource source = Database.connect(URL, credentials, secrets, Duration.ZERO).dataSource()
                .unwrap(PGSimpleDataSource.class);

        assertThat(source.getPassword()).isEqualTo("from-env");
        assertThat(source.getUser()).isEqualTo("url-user");
        assertThat(source.getApplicationName()).isEqualTo("upsilon-cli");
        assertThat(secrets.redact("x from-env y")).isEqualTo("x " + Secrets.MASK + " y");
    }

    @Test
    void configFileWinsOverTheEnvironmentAndUserOptionOverBoth() throws Exception {
        Path config = Files.writeString(tmp.resolve("db.properties"), "password=from-file\nuser=file-user\n");
        CommonOptions options = options("--config", config.toString());
        Credentials fromFile = Credentials.resolve(options, Map.of(Main.PASSWORD_ENV, "from-env"), new Secrets());
        assertThat(fromFile).isEqualTo(new Credentials("file-user", "from-file"));

        CommonOptions withUser = options("--config", config.toString(), "--user", "cli-user");
        assertThat(Credentials.resolve(withUser, Map.of(), new Secrets()).user()).isEqualTo("cli-user");
    }

    @Test
    void descriptionLeavesOutTheQuery() {
        Database database = Database.connect(URL, new Credentials(null, null), new Secrets(), Duration.ZERO);
        assertThat(database.description()).isEqualTo("jdbc:postgresql://db.example:5432/app");
    }

    @Test
    void urlOfAnotherDatabaseIsRefused() {
        assertThatThrownBy(() -> Database.connect("jdbc:mysql://x/y", new Credentials(null, null), new Secrets(),
                Duration.ZERO))
                .isInstanceOfSatisfying(UpsilonException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageContaining("jdbc:postgresql://");
    }

    private static CommonOptions options(String... args) {
        CommonOptionsHolder holder = new CommonOptionsHolder();
        new CommandLine(holder).parseArgs(args);
        return holder.options();
    }

    /** A bare command to parse the connection options into. */
    @CommandLine.Command(name = "holder")
    static final class CommonOptionsHolder {
        @CommandLine.Mixin
        ConnectionOptions connection;

        CommonOptions options() {
            return CommonOptions.of(java.util.List.of(connection));
        }
    }
}
