package io.upsilon.cli;

import io.upsilon.migrate.Migrator;
import picocli.CommandLine.Mixin;

/** What the {@code migrate} commands share beyond {@link BaseCommand}: the spec and its transformers' class path. */
abstract class MigrateBaseCommand extends BaseCommand {

    @Mixin TransformerClasspathOption transformerClasspathOption;

    @Mixin
    SpecOption specFile;

    /** Opens the {@code --spec} migration with {@code migratorOptions} ({@link MigrationSession#open}). */
    MigrationSession openSpec(Migrator.Options migratorOptions) {
        return MigrationSession.open(specFile.path, options, main(), migratorOptions);
    }
}
