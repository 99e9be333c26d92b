package io.upsilon.demo;

import io.upsilon.cli.CliPlugin;
import io.upsilon.demo.race.RaceCommand;
import java.util.List;

/**
 * Adds {@code upsilon demo} and {@code upsilon race} to the command line when this module is on the class path
 * (registered in {@code META-INF/services/io.upsilon.cli.CliPlugin}); the distribution jar {@code bin/upsilon} runs
 * is built here.
 */
public final class DemoPlugin implements CliPlugin {

    @Override
    public List<Object> commands() {
        return List.of(new DemoCommand(), new RaceCommand());
    }
}
