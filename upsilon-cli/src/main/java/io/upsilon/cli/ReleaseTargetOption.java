package io.upsilon.cli;

import io.upsilon.Version;
import picocli.CommandLine.Option;

/**
 * {@code --to VERSION} where it means a release of the release descriptor file ({@code path}, {@code rollback}). Not
 * an {@link OptionGroup}: a release is no manifest version, so the command's session aims at the manifest's latest.
 */
final class ReleaseTargetOption {

    @Option(names = "--to", paramLabel = "RELEASE", converter = VersionConverter.class, description = "The release"
            + " to arrive at, a version listed in --releases.")
    Version to;
}
