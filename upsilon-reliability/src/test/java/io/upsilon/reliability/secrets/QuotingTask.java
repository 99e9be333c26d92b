package io.upsilon.reliability.secrets;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.TaskContext;

/**
 * A task that fails quoting the password, as a driver or a careless task might ("cannot log in with ..."). It runs
 * only in the scenario's quarantine schema ({@link Workspace#QUARANTINE}): the task itself writes the password into
 * its history row and its exception, which are therefore not searched; what is searched is the CLI's output of that
 * error, in text and JSON, which must mask it.
 */
public final class QuotingTask extends BaseUpgradeTask {

    @Override
    public void execute(TaskContext context) {
        throw new IllegalStateException("cannot log in to the ledger with password " + System.getenv("UPSILON_PASSWORD"));
    }
}
