package io.upsilon.server;

import io.javalin.Javalin;

/**
 * Routes an add-on module contributes to an {@link UpsilonServer}, e.g. upsilon-tenant-server's Okapi tenant
 * interface, so that the server itself depends on no such module. Registered when the server starts, after its own
 * routes.
 */
@FunctionalInterface
public interface ServerRoutes {

    /**
     * Adds the routes to {@code app}; {@code control} puts a route behind the control token as the server's own
     * control endpoints are.
     */
    void register(Javalin app, ControlAccess control);
}
