package io.upsilon.cli;

/**
 * A mixin of options that belong together (the connection, the manifest, the lock, ...). A command mixes in only the
 * groups it uses, so it accepts no option it would ignore; before the command runs, {@link BaseCommand} copies every
 * group's values into the run's {@link CommonOptions}.
 */
interface OptionGroup {

    /** Copies this group's values into {@code options}. */
    void applyTo(CommonOptions options);
}
