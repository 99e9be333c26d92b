package io.upsilon.spring;

import io.upsilon.UpgradeCallback;
import io.upsilon.UpgradeEvent;
import io.upsilon.UpgradeEventContext;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The starter's fan-out of a node's events: the auto-configured {@code UpsilonConfig} carries it as a callback, so
 * that beans made after the config (the start-up initializer, the readiness bridge) can still listen. A config of
 * the application's own should add the {@code upsilonEvents} bean as a callback too; without it the starter falls
 * back to reading the node's state.
 */
public final class UpsilonEvents implements UpgradeCallback {

    private final List<UpgradeCallback> listeners = new CopyOnWriteArrayList<>();

    /** Adds a listener; it hears every later event. */
    public void subscribe(UpgradeCallback listener) {
        listeners.add(listener);
    }

    public void unsubscribe(UpgradeCallback listener) {
        listeners.remove(listener);
    }

    @Override
    public void on(UpgradeEvent event, UpgradeEventContext context) {
        for (UpgradeCallback listener : listeners) {
            listener.on(event, context);
        }
    }
}
