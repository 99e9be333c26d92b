/**
 * Upsilon's Micrometer meters, {@link io.upsilon.micrometer.UpsilonMetrics}: needs only Micrometer and
 * upsilon-core, so that a service without Spring can use it too.
 */
package io.upsilon.micrometer;
