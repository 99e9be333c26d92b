package io.upsilon.postgres.adopt;

import io.upsilon.Manifest;
import io.upsilon.Upsilon;
import io.upsilon.UpsilonConfig;
import io.upsilon.postgres.PostgresBackend;
import io.upsilon.testsupport.TestDatabase;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;

/** A manifest directory of real SQL script files, as a team keeps it, and nodes built on it. */
final class ScriptDir {

    final Path dir;

    ScriptDir(Path dir) {
        this.dir = dir;
    }

    ScriptDir write(String path, String text) {
        try {
            Path file = dir.resolve(path);
            Files.createDirectories(file.getParent());
            Files.writeString(file, text);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Manifest manifest(String text) {
        return manifestIn("", text);
    }

    /** A manifest in a sub-directory, so that its script paths are relative to that directory. */
    Manifest manifestIn(String subdirectory, String text) {
        String path = subdirectory.isEmpty() ? Manifest.DEFAULT_RESOURCE : subdirectory + "/" + Manifest.DEFAULT_RESOURCE;
        write(path, text);
        return Manifest.load(dir.resolve(path), getClass().getClassLoader());
    }

    static Upsilon node(TestDatabase db, Manifest manifest) {
        return node(db, manifest, UnaryOperator.identity());
    }

    static Upsilon node(TestDatabase db, Manifest manifest, UnaryOperator<UpsilonConfig.Builder> settings) {
        PostgresBackend backend = PostgresBackend.create(db.dataSource());
        return Upsilon.create(settings.apply(config(backend, manifest)).build());
    }

    static UpsilonConfig.Builder config(PostgresBackend backend, Manifest manifest) {
        return UpsilonConfig.builder().manifest(manifest).store(backend.store())
                .lock(backend.lock(PostgresBackend.LockKind.ADVISORY, "n1")).nodeId("n1")
                .lockWaitTimeout(Duration.ofSeconds(30)).retryBackoff(Duration.ofMillis(50));
    }
}
