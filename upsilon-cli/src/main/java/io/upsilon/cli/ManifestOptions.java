package io.upsilon.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The task manifest and the class path of its Java tasks. */
final class ManifestOptions implements OptionGroup {

    @Option(names = "--manifest", paramLabel = "PATH", description = "The manifest file, or a directory holding"
            + " upsilon.tasks (default: the class-path resource upsilon.tasks).")
    Path manifest;

    @Option(names = "--classpath", paramLabel = "JARS_OR_DIRS", description = "Jars and class directories,"
            + " separated by '${sys:path.separator}', to load Java task classes (and the default manifest) from.")
    String classpath;

    @Override
    public void applyTo(CommonOptions options) {
        options.manifest = manifest;
        options.classpath = classpath;
    }
}
