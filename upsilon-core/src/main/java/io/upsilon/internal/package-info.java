/**
 * The upgrade engine: planning and running tasks under the cluster lock. Not part of the API: anything here may
 * change in any release. Use {@link io.upsilon.Upsilon} instead.
 */
package io.upsilon.internal;
