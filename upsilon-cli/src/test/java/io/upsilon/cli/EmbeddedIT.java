package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * With --embedded (and no --url) the commands start an embedded PostgreSQL in --data-dir, which keeps the data between
 * runs.
 */
class EmbeddedIT {

    @TempDir
    Path tmp;

    @Test
    void dataDirKeepsTheDataBetweenCommands() {
        String manifest = Manifests.twoVersions(tmp.resolve("manifest")).toString();
        String dataDir = tmp.resolve("data").toString();

        Cli.Run upgrade = Cli.run("upgrade", "--json", "--manifest", manifest, "--embedded", "--data-dir", dataDir);
        assertThat(upgrade.exitCode()).as(upgrade.toString()).isZero();
        assertThat(upgrade.json().get("after").asText()).isEqualTo("1.1");
        assertThat(upgrade.out()).as("logs stay off stdout").startsWith("{");

        Cli.Run status = Cli.run("status", "--json", "--manifest", manifest, "--embedded", "--data-dir", dataDir);
        assertThat(status.exitCode()).as(status.toString()).isZero();
        assertThat(status.json().get("dataVersion").asText()).isEqualTo("1.1");
        assertThat(status.json().get("database").asText()).contains(dataDir);
        assertThat(Files.exists(Path.of(dataDir, "PG_VERSION"))).isTrue();
    }
}
