package io.upsilon.reliability.secrets;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.TaskContext;

/**
 * A task that fails quoting the password, as a driver or a careless task might ("cannot log in with ..."). It runs
 * only in the scenario's quarantine schema ({@link Workspace#QUARANTINE}). Its history row must hold the error
 * masked ({@code UpsilonConfig.redact}, which the CLI sets), and the CLI's output of it, text and JSON, too.
 */
public final class QuotingTask extends BaseUpgradeTask {

    @Override
    public void execute(TaskContext context) {
        throw new IllegalStateException("cannot log in to the ledger with password " + System.getenv("UPSILON_PASSWORD"));
    }
}
