package io.upsilon;

import java.util.function.Consumer;

/**
 * Hears the {@link UpgradeEvent}s of an upgrade. Called on the upgrading thread; keep it quick. An exception thrown
 * by a callback is logged and otherwise ignored, so a callback cannot break an upgrade.
 */
@FunctionalInterface
public interface UpgradeCallback {

    void on(UpgradeEvent event, UpgradeEventContext context);

    /**
     * A callback that tells {@code progress} each task as it starts, as its version and name ({@code 1.1
     * V1_1__add.sql}), so a long upgrade or rollback is visibly alive in a log or on a terminal.
     */
    static UpgradeCallback beforeEachTask(Consumer<String> progress) {
        return (event, context) -> {
            if (event == UpgradeEvent.BEFORE_TASK) {
                progress.accept(context.version().map(Version::toString).orElse("") + " " + context.task().orElse(""));
            }
        };
    }
}
