package io.upsilon.cli;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import io.upsilon.Version;
import io.upsilon.release.ChainDiagrams;
import io.upsilon.release.PlannedChain;
import io.upsilon.release.ReleasePlanner;
import io.upsilon.release.RollbackPlan;
import io.upsilon.release.StepCheck;
import io.upsilon.release.StepViolation;
import io.upsilon.releasefile.ReleaseFile;
import io.upsilon.report.ChainStepRow;
import io.upsilon.report.ReleaseRow;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code upsilon path}: the shortest chain of safe release steps from one release to another, or back from the
 * release history ({@code --rollback}). Planning an upgrade reads only the descriptor file; a rollback also reads
 * the store's release history and the manifest.
 */
@Command(name = "path", mixinStandardHelpOptions = true, showDefaultValues = true,
        description = {"Plans the shortest chain of safe release steps from --from to --to (both release versions"
                + " of the --releases file), or with --rollback from the current release (the last in the store's"
                + " release history) back to --to. A step is safe when the two releases share an API version,"
                + " the old release runs on the new data version and the new release runs on the old one, so both"
                + " can run side by side during a rolling upgrade.",
                "Prints a table (default), JSON, or a picture (mermaid, dot). Exit 1 when no safe chain exists,"
                        + " naming the missing step, or when a rollback step would undo a task that has no"
                        + " rollback; exit 2 for a malformed file or an unknown version. Changes nothing."})
final class PathCommand extends BaseCommand {

    @Mixin ConnectionOptions connectionOptions;
    @Mixin TableOptions tableOptions;
    @Mixin ManifestOptions manifestOptions;
    @Mixin ReleaseTargetOption target;

    @Option(names = "--releases", paramLabel = "FILE", required = true, description = "The release descriptor"
            + " file (YAML: releases with version, apiVersions, dataVersion and runsOn), e.g."
            + " examples/releases.yaml.")
    Path releases;

    @Option(names = "--from", paramLabel = "VERSION", converter = VersionConverter.class,
            description = "The release running now (not with --rollback).")
    Version from;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table",
            description = "How to print the chain: ${COMPLETION-CANDIDATES}. --json is --format json.")
    PathFormat format;

    @Option(names = "--allow-breaking-api", description = "Permit steps that share no API version (every client"
            + " of the old release breaks), when no chain without them exists. Such steps are marked BREAKING.")
    boolean allowBreakingApi;

    @Option(names = "--rollback", description = "Plan back from the current release, the last in the store's"
            + " release history (--url or --data-dir), to the release --to; each step must be able to undo the"
            + " manifest tasks it leaves behind (--manifest, --classpath).")
    boolean rollback;

    @Override
    int run(PrintWriter out) {
        PathFormat shape = shape();
        if (target.to == null) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--to VERSION is required: the release to "
                    + (rollback ? "roll back to" : "upgrade to"));
        }
        ReleasePlanner planner = new ReleasePlanner(ReleaseFile.read(releases), allowBreakingApi);
        RollbackPlan back = rollback ? planRollback(planner) : null; // null: an upgrade reads no store
        PlannedChain chain = back != null ? back.chain() : planUpgrade(planner);
        chain.breakingSteps().forEach(step -> printError("WARNING: --allow-breaking-api: " + step.breakingWarning()));
        switch (shape) {
            case json -> printJson(out, json(chain, back));
            case mermaid -> out.print(ChainDiagrams.mermaid(chain));
            case dot -> out.print(ChainDiagrams.dot(chain));
            default -> out.print(back != null ? back.describe() : ChainDiagrams.describe(chain));
        }
        return 0;
    }

    private PlannedChain planUpgrade(ReleasePlanner planner) {
        if (from == null) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--from VERSION is required: the release running"
                    + " now; or plan back from the release history with --rollback");
        }
        return planner.plan(from, target.to);
    }

    /** Plans back from the store's release history with the manifest's tasks; warns on a stale data version. */
    private RollbackPlan planRollback(ReleasePlanner planner) {
        if (from != null) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--from is not used with --rollback: the current"
                    + " release is the last in the store's release history; drop --from");
        }
        planner.releases().get(target.to); // an unknown target fails before the database starts
        RollbackPlan plan;
        try (CliSession session = session(true)) { // task classes load through its loader, so plan before it closes
            plan = planner.planRollback(session.store(), target.to, session.manifest());
        }
        plan.warning().ifPresent(warning -> printError("WARNING: " + warning));
        return plan;
    }

    private PathFormat shape() {
        if (options.json && format != PathFormat.json && format != PathFormat.table) {
            throw new UpsilonException(ErrorCode.BAD_INPUT, "--json and --format " + format + " disagree; --json"
                    + " is --format json, so give one of them");
        }
        return options.json ? PathFormat.json : format;
    }

    /** {@code plan} is null for an upgrade: no history, no data version. */
    private Object json(PlannedChain chain, RollbackPlan plan) {
        StepCheck direct = StepCheck.of(chain.from(), chain.to());
        var json = Json.object("direction", chain.direction().name(), "releases", chain.source(),
                "from", chain.from().version().toString(), "to", chain.to().version().toString(),
                "allowBreakingApi", allowBreakingApi, "breaking", !chain.breakingSteps().isEmpty(),
                "steps", chain.steps().stream().map(ChainStepRow::of).toList(),
                "direct", Json.object("safe", direct.safe(), "violations",
                        direct.violations().stream().map(StepViolation::toString).toList()));
        if (plan != null) {
            json.put("dataVersion", plan.dataVersion());
            json.put("history", plan.history().stream().map(ReleaseRow::of).toList());
        }
        return json;
    }
}
