/**
 * Upsilon over HTTP (Javalin): {@link io.upsilon.server.UpsilonServer} serves the probes, the status and the
 * token-protected control endpoints; {@link io.upsilon.server.GateHandler} puts the maintenance gate and the write
 * guard in front of an application's own routes.
 */
package io.upsilon.server;
