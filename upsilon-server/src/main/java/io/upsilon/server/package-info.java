/**
 * Upsilon over HTTP (Javalin): {@link io.upsilon.server.UpsilonServer} serves the probes, the status and the
 * token-protected control endpoints, and the routes of add-ons ({@link io.upsilon.server.ServerRoutes}, with
 * {@link io.upsilon.server.ControlAccess}; upsilon-tenant-server adds Okapi's tenant protocol this way);
 * {@link io.upsilon.server.GateHandler} puts the maintenance gate and the write guard in front of an application's own
 * routes.
 */
package io.upsilon.server;
