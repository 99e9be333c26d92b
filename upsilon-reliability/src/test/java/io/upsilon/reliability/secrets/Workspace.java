package io.upsilon.reliability.secrets;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The files one pass works with, in one directory: manifests (one whose 1.1 fails in Java, one whose 1.1 fails in
 * SQL, one whose task fails quoting the password, a tenant module whose 2.0.0 fails), migration specs (the right passwords and a wrong one) and {@code --config}
 * files (the right and a wrong password). The test writes them; {@link SecretsDriver} finds them by these names.
 */
public record Workspace(Path dir) {

    /** The environment variables the specs name. */
    public static final String SOURCE_ENV = "SRC_DB_PASSWORD";
    public static final String TARGET_ENV = "DST_DB_PASSWORD";
    public static final String WRONG_ENV = "WRONG_DB_PASSWORD";

    /** The schema of the {@link QuotingTask} runs, whose rows hold the password by the task's own doing. */
    public static final String QUARANTINE = "quarantine";

    public Path quotingManifest() {
        return dir.resolve("manifest-quoting");
    }

    public Path manifest() {
        return dir.resolve("manifest");
    }

    public Path sqlFailManifest() {
        return dir.resolve("manifest-sql-fail");
    }

    public Path tenantManifest() {
        return dir.resolve("tenant-manifest");
    }

    public Path spec() {
        return dir.resolve("migration.yaml");
    }

    public Path wrongSpec() {
        return dir.resolve("migration-wrong.yaml");
    }

    public Path config() {
        return dir.resolve("right.properties");
    }

    public Path wrongConfig() {
        return dir.resolve("wrong.properties");
    }

    /** Where the driver writes the messages of the exceptions the library threw at it. */
    public Path exceptions() {
        return dir.resolve("exceptions.txt");
    }

    /** Writes every file for a server on {@code server}, with {@code password} and {@code wrong} in the configs. */
    public Workspace write(PasswordServer server, String password, String wrong) {
        String create = "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);";
        file(manifest(), "upsilon.tasks", "1.0\n  - sql/1.0/create_items.sql\n1.1\n  - "
                + FailingTask.class.getName() + "\n");
        file(manifest(), "sql/1.0/create_items.sql", create);
        file(sqlFailManifest(), "upsilon.tasks", "1.0\n  - sql/1.0/create_items.sql\n1.1\n  - sql/1.1/broken.sql\n");
        file(sqlFailManifest(), "sql/1.0/create_items.sql", create);
        file(sqlFailManifest(), "sql/1.1/broken.sql", "ALTER TABLE no_such_table ADD COLUMN price numeric;");
        file(quotingManifest(), "upsilon.tasks", "1.0\n  - " + QuotingTask.class.getName() + "\n");
        file(tenantManifest(), "upsilon.tasks", "1.0.0\n  - sql/1.0.0/create.sql\n2.0.0\n  - sql/2.0.0/fail.sql\n");
        file(tenantManifest(), "sql/1.0.0/create.sql", "CREATE TABLE accounts (id int PRIMARY KEY);"
                + " INSERT INTO accounts SELECT generate_series(1, 5);");
        file(tenantManifest(), "sql/2.0.0/fail.sql", "DO $$ BEGIN RAISE EXCEPTION 'deliberate tenant failure'; END $$;");
        spec(spec(), server, SOURCE_ENV);
        spec(wrongSpec(), server, WRONG_ENV);
        properties(config(), password);
        properties(wrongConfig(), wrong);
        return this;
    }

    private static void spec(Path path, PasswordServer server, String sourceEnv) {
        write(path, """
                source: {url: "%s", user: %s, passwordEnv: %s}
                target: {url: "%s", user: %s, passwordEnv: %s}
                overlap: 1s
                entities:
                  - name: items
                    source: items
                    target: items
                    key: [id]
                    updatedAt: updated_at
                    batchSize: 50
                """.formatted(server.url(PasswordServer.SOURCE), PasswordServer.ROLE, sourceEnv,
                server.url(PasswordServer.TARGET), PasswordServer.ROLE, TARGET_ENV));
    }

    /** A {@code --config} file written by {@link Properties#store}, which escapes what the format needs escaped. */
    private static void properties(Path path, String password) {
        Properties properties = new Properties();
        properties.putAll(Map.of("password", password));
        try (Writer out = Files.newBufferedWriter(path, StandardCharsets.UTF_8)) {
            properties.store(out, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void file(Path dir, String name, String text) {
        write(dir.resolve(name), text);
    }

    private static void write(Path path, String text) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
