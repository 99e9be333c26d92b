package io.upsilon.cli;

import io.upsilon.Version;
import picocli.CommandLine.Option;

/** {@code --to VERSION} where it means a release of the release descriptor file ({@code path}, {@code rollback}). */
final class ReleaseTargetOption implements OptionGroup {

    @Option(names = "--to", paramLabel = "RELEASE", converter = VersionConverter.class, description = "The release"
            + " to arrive at, a version listed in --releases.")
    Version to;

    @Override
    public void applyTo(CommonOptions options) {
        options.to = to;
    }
}
