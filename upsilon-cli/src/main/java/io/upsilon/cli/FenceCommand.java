package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.Fence;
import io.upsilon.Manifest;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.report.FenceReport;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code upsilon fence --below VERSION}: takes the nodes of older software versions out of service. */
@Command(name = "fence", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Fences every registered node whose software version is below --below: the node sees the"
                + " mark on its next heartbeat, turns FENCED (not ready, refuses writes; with 'serve"
                + " --exit-on-fence' it exits) and should be replaced.",
                "--terminate-sessions also ends those nodes' database sessions (tagged application_name"
                        + " 'upsilon:NODE_ID'), so work already under way cannot commit. The floor is kept: a node"
                        + " of an older version that starts later is fenced before it ever turns READY.",
                "Guards (exit 2, nothing changed, unless --yes): a floor that would fence every live node, and"
                        + " with --manifest a floor above its latest version. --dry-run lists who would be fenced;"
                        + " --clear removes the floor."})
final class FenceCommand extends BaseCommand {

    @Mixin ConnectionOptions connectionOptions;
    @Mixin TableOptions tableOptions;
    @Mixin ManifestOptions manifestOptions;

    @Option(names = "--below", paramLabel = "VERSION", converter = VersionConverter.class,
            description = "Fence the nodes running a software version below this one, e.g. 1.1.")
    Version below;

    @Option(names = "--dry-run", description = "List the nodes that would be fenced; change nothing.")
    boolean dryRun;

    @Option(names = "--yes", description = "Confirm: fence even when no live node would be left serving, or the"
            + " floor is above every manifest version.")
    boolean yes;

    @Option(names = "--clear", description = "Remove the fence floor (and the marks on node rows) instead.")
    boolean clear;

    @Option(names = "--terminate-sessions", description = "Also end the fenced nodes' database sessions"
            + " (pg_terminate_backend; needs a superuser or a member of pg_signal_backend).")
    boolean terminateSessions;

    @Override
    int run(PrintWriter out) {
        if (clear == (below != null)) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "give either --below VERSION (fence older nodes) or"
                    + " --clear (remove the fence floor)");
        }
        if (clear && (dryRun || yes || terminateSessions)) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--clear takes no --dry-run, --yes or"
                    + " --terminate-sessions");
        }
        // the floor is checked against the manifest only when one is given
        try (CliSession session = session(options.manifest != null)) {
            if (clear) {
                Fence.Cleared cleared = Fence.clear(session.nodes());
                print(out, cleared, () -> out.println(cleared.summary()));
                return 0;
            }
            Optional<Manifest> manifest = Optional.ofNullable(session.manifest());
            Fence.Plan plan = dryRun ? Fence.check(session.nodes(), below, manifest, yes)
                    : Fence.apply(session.nodes(), below, manifest, yes);
            Integer terminated = terminateSessions && !dryRun ? Fence.terminateSessions(session.nodes(), plan) : null;
            FenceReport report = FenceReport.of(plan, dryRun, terminated, session.nodes());
            print(out, report, () -> out.print(report.describe()));
            return 0;
        }
    }
}
