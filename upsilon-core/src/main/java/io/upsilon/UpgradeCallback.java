package io.upsilon;

/**
 * Hears the {@link UpgradeEvent}s of an upgrade. Called on the upgrading thread; keep it quick. An exception thrown
 * by a callback is logged and otherwise ignored, so a callback cannot break an upgrade.
 */
@FunctionalInterface
public interface UpgradeCallback {

    void on(UpgradeEvent event, UpgradeEventContext context);
}
