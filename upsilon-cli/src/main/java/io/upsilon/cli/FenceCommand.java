package io.upsilon.cli;

import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.spi.NodeRecord;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code upsilon fence --below VERSION}: takes the nodes of older software versions out of service. */
@Command(name = "fence", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Fences every registered node whose software version is below --below: the node sees the"
                + " mark on its next heartbeat, turns FENCED (not ready, refuses writes; with 'serve"
                + " --exit-on-fence' it exits) and should be replaced.",
                "--terminate-sessions also ends those nodes' database sessions (tagged application_name"
                        + " 'upsilon:NODE_ID'), so work already under way cannot commit. The mark is per node row:"
                        + " a node of an older version that starts later is fenced only by its own compatibility"
                        + " window."})
final class FenceCommand extends BaseCommand {

    @Option(names = "--below", required = true, paramLabel = "VERSION", converter = VersionConverter.class,
            description = "Fence the nodes running a software version below this one, e.g. 1.1.")
    Version below;

    @Option(names = "--terminate-sessions", description = "Also end the fenced nodes' database sessions"
            + " (pg_terminate_backend; needs a superuser or a member of pg_signal_backend).")
    boolean terminateSessions;

    @Override
    int run(PrintWriter out) {
        try (CliSession session = session(false)) {
            List<NodeRecord> fenced = session.nodes().fenceBelow(below);
            Integer terminated = terminateSessions ? terminate(session, fenced) : null;
            List<NodeRow> rows = fenced.isEmpty() ? List.of() : NodeRow.of(fenced, session.database().now());
            if (options.json) {
                printJson(out, Json.object("below", below.toString(), "fenced", rows,
                        "sessionsTerminated", terminated));
                return 0;
            }
            if (fenced.isEmpty()) {
                out.println("No node runs a software version below " + below + "; nothing fenced"
                        + (terminateSessions ? " and no sessions terminated." : "."));
                return 0;
            }
            out.println("Fenced " + Text.plural(fenced.size(), "node") + " running a software version below "
                    + below + ":");
            Table table = new Table("NODE", "HOST", "VERSION", "STATE", "HEARTBEAT");
            rows.forEach(r -> table.row(r.nodeId(), r.host(), r.softwareVersion(), r.state(),
                    Text.age(r.heartbeatAgeMillis()) + " ago" + (r.gone() ? " (GONE)" : "")));
            table.print(out, "  ");
            out.println("Each turns FENCED on its next heartbeat and refuses writes; replace it with a node of version "
                    + below + " or later.");
            if (terminated != null) {
                out.println("Terminated " + Text.plural(terminated, "database session") + " of the fenced nodes.");
            }
            return 0;
        }
    }

    private static int terminate(CliSession session, List<NodeRecord> fenced) {
        List<String> ids = fenced.stream().map(NodeRecord::nodeId).toList();
        try {
            return session.nodes().terminateSessions(ids);
        } catch (UpsilonException e) {
            // the fence itself stands: say so, or the operator would think nothing happened
            throw new UpsilonException(e.code(), "fenced " + Text.plural(ids.size(), "node") + " " + ids + ", but"
                    + " could not end their sessions: " + e.getMessage() + "; ending other users' sessions needs a"
                    + " superuser or a member of pg_signal_backend", e);
        }
    }
}
