package io.upsilon.reliability.secrets;

import io.upsilon.UpsilonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The process that runs most of one pass: every {@code upsilon} command the scenario covers, in this JVM through
 * the CLI's picocli entry (with {@code $UPSILON_PASSWORD} and the spec's variables in its real environment and
 * slf4j-simple at DEBUG), in text and {@code --json}, on success and error paths, then the library calls of
 * {@link ApiProbes}. It prints everything to stdout and stderr for the test to search, {@code VIOLATION} lines for
 * a command that did not take the path it was meant to, and {@code COMMANDS n} at the end.
 *
 * <p>Arguments: the workspace directory and the port of the {@link PasswordServer}. The data version is 1.0 when
 * it starts (the test's {@code serve} process brought it there).
 */
public final class SecretsDriver {

    /** The commands (of those run here) that read the task manifest. */
    private static final Set<String> READ_A_MANIFEST = Set.of("status", "plan", "upgrade", "fence", "tenant install");

    private final CliRuns cli = new CliRuns();
    private final Workspace ws;
    private final String app;
    private final String manifest;

    private SecretsDriver(Workspace ws, int port) {
        this.ws = ws;
        this.app = PasswordServer.url(port, PasswordServer.APP);
        this.manifest = ws.manifest().toString();
    }

    public static void main(String[] args) throws Exception {
        Workspace ws = new Workspace(Path.of(args[0]));
        int port = Integer.parseInt(args[1]);
        SecretsDriver driver = new SecretsDriver(ws, port);
        ApiProbes api = new ApiProbes(ws, port);
        String password = System.getenv("UPSILON_PASSWORD");
        // a wrong migration password waits out the pool's connection timeout (5 s): let that wait run beside the rest
        Thread refusedMigration = new Thread(api::wrongMigrationPassword, "wrong-migration-password");
        refusedMigration.start();
        driver.upgrades();
        // never closed: it dies with this process like a crashed node, so its record stays to be searched
        UpsilonNode node = api.readyNode(password);
        driver.cluster();
        driver.migration();
        driver.tenants();
        driver.wrongPasswords();
        api.wrongPassword(System.getenv(Workspace.WRONG_ENV));
        api.failingUpgrade(password);
        api.migration();
        refusedMigration.join();
        System.out.println("COMMANDS " + driver.cli.commands() + " (node " + node.state() + ")");
        System.out.flush();
        System.exit(0);
    }

    /**
     * {@code args}, then {@code --url} (the app database) and, for a command that reads a manifest,
     * {@code --manifest manifestPath} (the others refuse it as an option they would ignore).
     */
    private String[] on(String manifestPath, List<String> args) {
        List<String> all = new ArrayList<>(args);
        all.addAll(List.of("--url", app));
        String command = args.get(0).equals("tenant") ? "tenant " + args.get(1) : args.get(0);
        if (READ_A_MANIFEST.contains(command)) {
            all.addAll(List.of("--manifest", manifestPath));
        }
        return all.toArray(String[]::new);
    }

    /** The same with the manifest whose 1.1 fails in Java. */
    private String[] on(String... args) {
        return on(manifest, List.of(args));
    }

    /** status, plan, upgrade (to 1.0, then 1.1 failing in Java and in SQL), history, lock. */
    private void upgrades() {
        cli.ok(on("status"));
        cli.ok(on("status", "--json"));
        cli.ok(on("plan"));
        cli.ok(on("plan", "--json"));
        cli.ok(on("upgrade", "--to", "1.0"));
        cli.fails(on("upgrade"));
        cli.fails(on("upgrade", "--json"));
        cli.fails(on("upgrade", "--verbose"));
        cli.fails(on(ws.sqlFailManifest().toString(), List.of("upgrade", "--json")));
        cli.fails(on(ws.sqlFailManifest().toString(), List.of("upgrade", "--verbose")));
        cli.ok(on("history"));
        cli.ok(on("history", "--json"));
        // a task that quotes the password in its error: the CLI must mask it wherever it prints the error
        String quoting = ws.quotingManifest().toString();
        cli.fails(on(quoting, List.of("upgrade", "--schema", Workspace.QUARANTINE)));
        cli.fails(on(quoting, List.of("upgrade", "--schema", Workspace.QUARANTINE, "--json", "--verbose")));
        cli.ok(on(quoting, List.of("history", "--schema", Workspace.QUARANTINE)));
        cli.ok(on(quoting, List.of("history", "--schema", Workspace.QUARANTINE, "--json")));
        cli.ok(on(quoting, List.of("status", "--schema", Workspace.QUARANTINE, "--json")));
        cli.ok(on("lock"));
        cli.ok(on("lock", "--json"));
        cli.run(code -> code >= 0, "any exit: there is no lock to release", on("lock", "release", "--yes"));
    }

    /** nodes, fence, maintenance: with one READY node of software version 1.0 in the node table. */
    private void cluster() {
        cli.ok(on("nodes"));
        cli.ok(on("nodes", "--json"));
        cli.ok(on("maintenance", "enter", "--reason", "secrets scenario"));
        cli.ok(on("maintenance", "status"));
        cli.ok(on("maintenance", "status", "--json"));
        cli.ok(on("maintenance", "exit", "--json"));
        cli.ok(on("maintenance", "enter", "--json", "--drain", "--drain-timeout", "10"));
        cli.ok(on("maintenance", "exit"));
        // --yes: the scenario's only live nodes are below the floor, which the guard refuses without it
        cli.ok(on("fence", "--below", "1.1", "--yes"));
        cli.ok(on("fence", "--below", "1.1", "--terminate-sessions", "--yes", "--json"));
        cli.ok(on("nodes", "--json"));
    }

    /** migrate run and verify, text and JSON, with both passwords from the spec's variables. */
    private void migration() {
        String spec = ws.spec().toString();
        cli.ok("migrate", "run", "--spec", spec);
        cli.ok("migrate", "run", "--spec", spec, "--json", "--deletes", "report");
        cli.ok("migrate", "verify", "--spec", spec);
        cli.ok("migrate", "verify", "--spec", spec, "--json");
    }

    /** tenant install (created, then failed), list, purge, text and JSON; acme stays, with its failure recorded. */
    private void tenants() {
        String tenants = ws.tenantManifest().toString();
        for (String tenant : List.of("acme", "beta", "gamma")) {
            cli.ok(on(tenants, List.of("tenant", "install", "--tenant", tenant, "--module", "mod-x", "--to", "1.0.0")));
        }
        cli.ok(on(tenants, List.of("tenant", "install", "--tenant", "beta", "--module", "mod-x", "--to", "1.0.0", "--json")));
        cli.fails(on(tenants, List.of("tenant", "install", "--tenant", "acme", "--module", "mod-x", "--to", "2.0.0")));
        cli.fails(on(tenants, List.of("tenant", "install", "--tenant", "beta", "--module", "mod-x", "--to", "2.0.0", "--json",
                "--verbose")));
        cli.ok(on(tenants, List.of("tenant", "list")));
        cli.ok(on(tenants, List.of("tenant", "list", "--json")));
        cli.ok(on(tenants, List.of("tenant", "purge", "--tenant", "beta", "--module", "mod-x", "--yes")));
        cli.ok(on(tenants, List.of("tenant", "purge", "--tenant", "gamma", "--module", "mod-x", "--yes", "--json")));
    }

    /** The wrong password from {@code --config} (which wins over the variable), and the right one from there. */
    private void wrongPasswords() {
        String wrong = ws.wrongConfig().toString();
        cli.refused(on("status", "--config", wrong));
        cli.refused(on("status", "--config", wrong, "--json", "--verbose"));
        cli.refused(on("upgrade", "--config", wrong, "--verbose"));
        cli.refused(on("history", "--config", wrong, "--json"));
        cli.refused(on("nodes", "--config", wrong));
        cli.refused(on(ws.tenantManifest().toString(), List.of("tenant", "list", "--config", wrong)));
        cli.ok(on("status", "--config", ws.config().toString(), "--json"));
    }
}
