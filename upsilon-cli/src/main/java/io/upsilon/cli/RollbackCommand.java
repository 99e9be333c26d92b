package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.UpgradeCallback;
import io.upsilon.UpsilonException;
import io.upsilon.release.ChainStep;
import io.upsilon.release.PlannedChain;
import io.upsilon.release.ReleasePlanner;
import io.upsilon.release.ReleaseRollback;
import io.upsilon.releasefile.ReleaseFile;
import io.upsilon.report.RollbackReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code upsilon rollback --to RELEASE}: "helm rollback" for a cluster, one safe release step at a time. */
@Command(name = "rollback", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Rolls the cluster back from the current release (the last in the store's release history) to"
                + " the release --to, along the chain 'upsilon path --rollback' plans. Per step, newest first: the"
                + " nodes of the later release are replaced by nodes of the earlier one (by you or your"
                + " orchestrator: the command prints the order and waits, up to --replace-timeout, until no live node"
                + " runs a data version above the step's), then the step's tasks are rolled back, newest first, under"
                + " the cluster lock, and the earlier release is appended to the release history.",
                "Refused (exit 1, nothing changed) when a task on the way has no rollback, naming it. Exit 1 when"
                        + " a task's rollback fails or nodes are not replaced in time (the steps before are done and"
                        + " recorded; run the command again to go on); exit 2 for a bad file or version."})
final class RollbackCommand extends BaseCommand {

    @Mixin ConnectionOptions connectionOptions;
    @Mixin TableOptions tableOptions;
    @Mixin ManifestOptions manifestOptions;
    @Mixin PlaceholderOption placeholderOption;
    @Mixin ReleaseTargetOption target;
    @Mixin LockOptions lockOptions;

    @Option(names = "--releases", paramLabel = "FILE", required = true, description = "The release descriptor"
            + " file (YAML), e.g. examples/releases.yaml.")
    Path releases;

    @Option(names = "--dry-run", description = "Print the plan and the node replacement order; change nothing.")
    boolean dryRun;

    @Option(names = "--replace-timeout", paramLabel = "SECONDS", defaultValue = "600", description = "How long each"
            + " step waits for the nodes of the later release to be replaced before it rolls the data back.")
    long nodeTimeoutSeconds;

    @Override
    int run(PrintWriter out) throws Exception {
        if (target.to == null) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--to RELEASE is required: the release to roll back to");
        }
        if (nodeTimeoutSeconds < 0) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--replace-timeout must be 0 or more seconds, got "
                    + nodeTimeoutSeconds);
        }
        ReleasePlanner planner = new ReleasePlanner(ReleaseFile.read(releases));
        planner.releases().get(target.to); // an unknown target fails before the database starts
        try (CliSession session = session(true)) {
            UpgradeCallback progress = UpgradeCallback.beforeEachTask(task -> progress(out, "    rolling back "
                    + task));
            ReleaseRollback rollback = new ReleaseRollback(planner, session.upsilon(session.manifest(), progress));
            PlannedChain chain = rollback.plan(target.to);
            progress(out, ReleaseRollback.describe(chain).stripTrailing());
            List<ReleaseRollback.StepResult> done = dryRun ? List.of() : rollback.run(chain,
                    rollback.awaitingReplacement(session.nodes(), Duration.ofSeconds(nodeTimeoutSeconds),
                            step -> announce(out, step)));
            if (options.json) {
                printJson(out, RollbackReport.of(chain, dryRun, done));
            } else if (!dryRun) {
                out.println(ReleaseRollback.summary(chain, done));
            }
            return 0;
        }
    }

    private void announce(PrintWriter out, ChainStep step) {
        progress(out, "Step " + step.number() + ": replace the nodes of " + step.from().version() + " by "
                + step.to().version() + " now (waiting up to " + nodeTimeoutSeconds + " s for no live node above"
                + " data version " + step.dataAfter() + ")");
    }
}
