package io.upsilon.migrate;

import io.upsilon.report.ErrorRow;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A continuous migration's report as a record for JSON ({@link ContinuousMigration#view}): Jackson writes it by its
 * components, in this order, as {@code upsilon migrate continuous --json} prints it. Names and times are text,
 * durations milliseconds, enums lower case.
 *
 * @param spec              where the spec came from (a file name), or null
 * @param source            the old cluster's address, no password ({@link Migration#sourceName()})
 * @param target            the new cluster's address, no password
 * @param captureMode       {@code log} or {@code watermark}
 * @param cutover           {@code maintenance} or {@code manual}
 * @param cutOver           whether it cut over
 * @param catchUps          the catch-up runs before the window, each as {@link RunReport.View} (deletes not looked for)
 * @param finalRun          the final catch-up (deletes propagated); null when the lag never fell low enough
 * @param verify            the verification inside the window; null likewise
 * @param windowHeldMillis  how long the window was held; null likewise
 * @param drainMillis       how long the old cluster took to drain; null without a maintenance window entered
 * @param windowOpen        whether the old cluster's window is open at the end; null for a manual cut-over
 * @param switched          whether the traffic switch ran and succeeded
 * @param switchError       why the switch failed, or null
 * @param trafficOn         {@code old} or {@code new}
 * @param oldClusterRetired whether the old cluster was retired
 * @param newLocation       where the service moved (kept in the retired window), or null
 * @param error             why it did not cut over ({@link ContinuousMigration#failure}) with its code and exit code;
 *                          null when it did
 */
public record ContinuousView(String spec, String source, String target, String captureMode, String cutover,
                             boolean cutOver, List<RunReport.View> catchUps, RunReport.View finalRun,
                             VerifyReport verify, Long windowHeldMillis, Long drainMillis, Boolean windowOpen,
                             boolean switched, String switchError, String trafficOn, boolean oldClusterRetired,
                             String newLocation, ErrorRow error) {

    static ContinuousView of(ContinuousMigration.Report result, String spec, String source, String target,
                             boolean maintenance, String newLocation, Optional<String> failure) {
        CutoverReport report = result.cutover();
        boolean reached = report.finalRun() != null;
        return new ContinuousView(spec, source, target, lower(result.captureMode()),
                maintenance ? "maintenance" : "manual", report.cutOver(),
                report.catchUps().stream().map(run -> run.view(Migrator.Deletes.IGNORE)).toList(),
                reached ? report.finalRun().view(Migrator.Deletes.PROPAGATE) : null, report.verify(),
                reached ? report.windowHeld().toMillis() : null, result.drained().map(Duration::toMillis).orElse(null),
                result.windowOpen().orElse(null), result.switched(), report.switchFailure(),
                lower(report.traffic()), result.retired(), newLocation,
                result.error().map(code -> ErrorRow.of(code, failure.orElse(null))).orElse(null));
    }

    private static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
