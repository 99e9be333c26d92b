package io.upsilon;

/**
 * The class to extend for Java upgrade tasks: transactional, no rollback unless {@link #rollback} is overridden.
 *
 * <p>{@link #canRollback()} is true exactly when a subclass declares {@code rollback(TaskContext)}, so overriding
 * that one method is all a task needs to take part in downgrades.
 */
public abstract class BaseUpgradeTask implements UpgradeTask {

    @Override
    public boolean canRollback() {
        for (Class<?> type = getClass(); type != BaseUpgradeTask.class; type = type.getSuperclass()) {
            try {
                type.getDeclaredMethod("rollback", TaskContext.class);
                return true;
            } catch (NoSuchMethodException notHere) {
                // keep looking up the hierarchy
            }
        }
        return false;
    }
}
