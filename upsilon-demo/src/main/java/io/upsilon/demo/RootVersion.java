package io.upsilon.demo;

import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code -V} of the demo's commands: the version of the {@code upsilon} command they are part of. */
public final class RootVersion implements IVersionProvider {

    @Spec
    private CommandSpec spec;

    @Override
    public String[] getVersion() throws Exception {
        // run on its own (no upsilon root above it), the command has no version of its own to report
        return spec.root() == spec ? new String[] {"upsilon " + spec.name()} : spec.root().version();
    }
}
