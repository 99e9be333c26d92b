package io.upsilon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.postgres.PostgresBackend.LockKind;
import io.upsilon.spi.LockGrant;
import io.upsilon.testsupport.PostgresFixture;
import io.upsilon.testsupport.TestDatabase;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lock}, {@code lock release --yes}, {@code --lock lease} and the lock timeout's exit code 3. */
class LockIT {

    @TempDir
    Path tmp;

    private TestDatabase db;
    private PostgresBackend backend;

    @BeforeEach
    void setUp() {
        db = PostgresFixture.newDatabase();
        backend = PostgresBackend.create(db.dataSource());
    }

    @Test
    void showsALiveHolderAndNeverClearsIt() {
        try (LockGrant grant = backend.lock(LockKind.ADVISORY, "busy-node").acquire(Duration.ofSeconds(5))
                .orElseThrow()) {
            JsonNode lock = Cli.run("lock", "--json", "--url", db.jdbcUrl()).json().get("lock");
            assertThat(lock.get("holder").asText()).isEqualTo("busy-node");
            assertThat(lock.get("fencingToken").asLong()).isEqualTo(grant.fencingToken());
            assertThat(lock.get("kind").asText()).isEqualTo("advisory");
            assertThat(lock.get("alive").asBoolean()).isTrue();
            assertThat(lock.get("ageMillis").asLong()).isNotNegative();

            Cli.Run release = Cli.run("lock", "release", "--yes", "--json", "--url", db.jdbcUrl());
            assertThat(release.exitCode()).as(release.toString()).isZero();
            assertThat(release.json().get("cleared").asBoolean()).isFalse();
            assertThat(release.json().at("/lock/holder").asText()).isEqualTo("busy-node");
            assertThat(release.json().at("/lock/alive").asBoolean()).isTrue();

            Cli.Run text = Cli.run("lock", "release", "--yes", "--url", db.jdbcUrl());
            assertThat(text.out()).contains("Nothing cleared: busy-node holds the lock and is alive");
            assertThat(grant.isHeld()).isTrue();
            assertThat(Cli.run("lock", "--url", db.jdbcUrl()).out()).contains("held by busy-node", "alive");
        }
    }

    @Test
    void clearsALeaseWhoseHolderIsGone() {
        backend.store().prepare();
        db.execute("INSERT INTO upsilon_lock (name, kind, token, holder, holder_pid, acquired_at, renewed_at,"
                + " expires_at) VALUES ('upgrade', 'lease', 7, 'dead-node', NULL, now() - interval '2 minutes',"
                + " now() - interval '2 minutes', now() - interval '1 minute')");
        JsonNode before = Cli.run("lock", "--json", "--url", db.jdbcUrl()).json().get("lock");
        assertThat(before.get("holder").asText()).isEqualTo("dead-node");
        assertThat(before.get("alive").asBoolean()).isFalse();

        Cli.Run release = Cli.run("lock", "release", "--yes", "--json", "--url", db.jdbcUrl());

        assertThat(release.exitCode()).as(release.toString()).isZero();
        assertThat(release.json().get("cleared").asBoolean()).isTrue();
        assertThat(release.json().at("/lock/holder").isNull()).isTrue();
        assertThat(release.json().at("/lock/fencingToken").asLong()).as("the token moves on, fencing the dead holder")
                .isGreaterThan(7);
        assertThat(Cli.run("lock", "release", "--yes", "--url", db.jdbcUrl()).out())
                .contains("Nothing cleared: the lock is free.");
    }

    @Test
    void lockNotAcquiredInTimeExitsWithThree() {
        String manifest = Manifests.twoVersions(tmp).toString();
        try (LockGrant grant = backend.lock(LockKind.ADVISORY, "slow-node").acquire(Duration.ofSeconds(5))
                .orElseThrow()) {
            Cli.Run run = Cli.run("upgrade", "--url", db.jdbcUrl(), "--manifest", manifest, "--lock-timeout", "1");
            assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
            assertThat(run.err().lines()).hasSize(1);
            assertThat(run.err()).contains("not acquired within 1 s", "--lock-timeout");
            assertThat(grant.isHeld()).isTrue();
        }
    }

    @Test
    void leaseLockUpgradesToo() {
        String manifest = Manifests.twoVersions(tmp).toString();
        Cli.Run run = Cli.run("upgrade", "--json", "--lock", "lease", "--url", db.jdbcUrl(), "--manifest", manifest);
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.json().get("outcome").asText()).isEqualTo("UPGRADED");
        JsonNode lock = Cli.run("status", "--json", "--url", db.jdbcUrl(), "--manifest", manifest).json().get("lock");
        assertThat(lock.get("kind").asText()).isEqualTo("lease");
        assertThat(lock.get("holder").isNull()).isTrue();
    }
}
