package io.upsilon.cli;

import io.upsilon.Version;
import picocli.CommandLine.Option;

/**
 * {@code --to VERSION} where it means a data version of the manifest. ({@code path} and {@code rollback} take a
 * release with {@link ReleaseTargetOption}; {@code tenant} commands a module version.)
 */
final class TargetOption implements OptionGroup {

    @Option(names = "--to", paramLabel = "VERSION", converter = VersionConverter.class, description = "The target"
            + " data version, a version of the manifest; below the data version it rolls back"
            + " (default: the manifest's latest version).")
    Version to;

    @Override
    public void applyTo(CommonOptions options) {
        options.to = to;
    }
}
