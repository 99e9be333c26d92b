package io.upsilon.cli;

import picocli.CommandLine.Option;

/** The {@code --classpath} of the {@code migrate} commands: where the spec's Java transformers come from. */
final class TransformerClasspathOption implements OptionGroup {

    @Option(names = "--classpath", paramLabel = "JARS_OR_DIRS", description = "Jars and class directories,"
            + " separated by '${sys:path.separator}', to load the spec's Java transformers ('java: CLASS' transforms)"
            + " from.")
    String classpath;

    @Override
    public void applyTo(CommonOptions options) {
        options.classpath = classpath;
    }
}
