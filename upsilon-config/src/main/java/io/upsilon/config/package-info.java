/**
 * Upsilon's settings and connections, as the {@code upsilon} command has them, for a service that embeds Upsilon:
 * {@link io.upsilon.config.UpsilonSettings} (a properties file, {@code UPSILON_*} variables and explicit values in
 * one precedence, unknown keys refused with the nearest known one), {@link io.upsilon.config.Secrets} (passwords
 * masked in every form a driver or PostgreSQL echoes), {@link io.upsilon.config.Database} (a URL and credentials
 * checked, the first connection waiting for a database that is starting, a clear {@code DATABASE_UNREACHABLE}), and
 * {@link io.upsilon.config.UpsilonSession} (the backend, stores, lock, manifest and {@link io.upsilon.Upsilon} of one
 * run, built from the settings).
 *
 * <p>Everything public here is API: the classes, their documented messages' error codes and the precedence. Error
 * messages name settings as {@link io.upsilon.config.SettingNames} says, so the CLI's say {@code --url} and a
 * service's may say its own property. Failures are {@link io.upsilon.UpsilonException}s with an
 * {@link io.upsilon.ErrorCode}; no message carries a password.
 */
package io.upsilon.config;
