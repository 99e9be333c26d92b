package io.upsilon.reliability.secrets;

import io.upsilon.BaseUpgradeTask;
import io.upsilon.TaskContext;

/** A Java task that always fails, so that upgrades go down their error path and history rows carry an error. */
public final class FailingTask extends BaseUpgradeTask {

    @Override
    public void execute(TaskContext context) {
        throw new IllegalStateException("deliberate failure of the secrets scenario's task");
    }
}
