package io.upsilon.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Edits to a command's shared options, for the model transformers that fit them to one command group. */
final class OptionEdits {

    private OptionEdits() {
    }

    /** Removes an option that does not apply to the command (using it is then an unknown option). */
    static void remove(CommandSpec spec, String name) {
        OptionSpec option = spec.findOption(name);
        if (option != null) {
            spec.remove(option);
        }
    }

    /** Replaces an option's description with what it means for this command. */
    static void describe(CommandSpec spec, String name, String description) {
        OptionSpec option = spec.findOption(name);
        if (option != null) {
            spec.remove(option);
            spec.addOption(OptionSpec.builder(option).description(description).build());
        }
    }
}
