package io.upsilon.cli;

import io.upsilon.PlannedTask;

/**
 * One step of a plan as printed by {@code plan} and {@code status}.
 *
 * @param action          RUN, RESUME or ROLLBACK
 * @param setsDataVersion the data version committed with this step, or null
 */
record StepRow(String version, String task, String kind, String action, String setsDataVersion) {

    static StepRow of(PlannedTask step) {
        return new StepRow(step.definition().version().toString(), step.definition().name(),
                step.definition().kind().name(), step.action().name(),
                step.newDataVersion() == null ? null : step.newDataVersion().toString());
    }
}
