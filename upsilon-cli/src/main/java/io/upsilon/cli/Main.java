package io.upsilon.cli;

import io.upsilon.config.ControlToken;
import io.upsilon.config.Secrets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code upsilon} command. Run it with {@code new CommandLine(new Main()).execute(args)}: the error handlers and
 * exit codes come with the command itself (see {@link CliConfigurer}), so callers and tests need no extra setup.
 */
@Command(name = "upsilon", mixinStandardHelpOptions = true, versionProvider = CliVersion.class,
        modelTransformer = CliConfigurer.class,
        description = {"Upgrades clustered services without downtime: runs the upgrade tasks of a manifest under a"
                + " cluster lock and records them in PostgreSQL; lists, fences and drains the nodes of the cluster;"
                + " runs a node as a sidecar with health probes ('serve'); migrates entities side by side to a new"
                + " cluster ('migrate').",
                "Settings come from the options, UPSILON_* environment variables and upsilon.conf (see --config);"
                        + " without a URL, --embedded starts an embedded PostgreSQL in --data-dir."},
        subcommands = {StatusCommand.class, PlanCommand.class, UpgradeCommand.class, HistoryCommand.class,
                ValidateCommand.class, RepairCommand.class, BaselineCommand.class,
                LockCommand.class, NodesCommand.class, FenceCommand.class, MaintenanceCommand.class,
                TenantCommand.class, MigrateCommand.class, ServeCommand.class, PathCommand.class,
                RollbackCommand.class, HelpCommand.class},
        footer = {"", "The database password comes from $UPSILON_PASSWORD or the config file, never the command line;"
                        + " serve's control token likewise from $" + ControlToken.ENV + " or --config FILE."})
public final class Main implements Callable<Integer> {

    /** The environment variable holding the database password. */
    public static final String PASSWORD_ENV = "UPSILON_PASSWORD";

    private final Map<String, String> env;
    private final Secrets secrets = new Secrets();

    @Spec
    private CommandSpec spec;

    /** A command that reads the real process environment. */
    public Main() {
        this(System.getenv());
    }

    /** A command that sees {@code env} as its environment; lets tests supply a password without a real variable. */
    Main(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        if (Arrays.asList(args).contains("--verbose")) {
            // slf4j-simple reads its level once, when the first logger is made: set it before anything logs
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        }
        System.exit(new CommandLine(new Main()).execute(args));
    }

    Map<String, String> env() {
        return env;
    }

    /** The strings (passwords) that must never reach the output of this command run. */
    Secrets secrets() {
        return secrets;
    }

    @Override
    public Integer call() {
        // the commands of this run, plugins' included (demo and race come from upsilon-demo)
        throw new ParameterException(spec.commandLine(), "missing command: choose one of "
                + String.join(", ", spec.subcommands().keySet().stream().filter(name -> !name.equals("help"))
                        .toList()));
    }
}
