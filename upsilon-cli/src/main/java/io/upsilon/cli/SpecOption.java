package io.upsilon.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --spec FILE} every {@code migrate} command reads, mixed in with {@code @Mixin}. */
final class SpecOption {

    @Option(names = "--spec", paramLabel = "FILE", required = true, description = {
        "The migration spec (YAML): source and target (url: JDBC_URL and user, or http: BASE_URL), the"
                + " environment variable holding each password (passwordEnv), the overlap re-read on incremental"
                + " runs, and the entities with their source table or query, target table, key, update-time field,"
                + " batch size and transforms."})
    Path path;
}
