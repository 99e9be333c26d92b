package io.upsilon.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes manifest directories for tests: an {@code upsilon.tasks} file and the SQL scripts beside it. */
final class Manifests {

    private final Path dir;
    private final Map<String, String> files = new LinkedHashMap<>();

    private Manifests(Path dir) {
        this.dir = dir;
    }

    static Manifests in(Path dir) {
        return new Manifests(dir);
    }

    Manifests file(String name, String text) {
        files.put(name, text);
        return this;
    }

    /** Two versions, each one SQL script with an undo script, so both upgrade and rollback work. */
    static Path twoVersions(Path dir) {
        return in(dir)
                .file("upsilon.tasks", "1.0\n  - sql/1.0/create_items.sql\n1.1\n  - sql/1.1/add_price.sql\n")
                .file("sql/1.0/create_items.sql", "CREATE TABLE items (id int PRIMARY KEY, name text NOT NULL);")
                .file("sql/1.0/create_items.undo.sql", "DROP TABLE items;")
                .file("sql/1.1/add_price.sql", "ALTER TABLE items ADD COLUMN price numeric;")
                .file("sql/1.1/add_price.undo.sql", "ALTER TABLE items DROP COLUMN price;")
                .write();
    }

    Path write() {
        try {
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = dir.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
