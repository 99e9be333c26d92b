/**
 * Public API: {@link io.upsilon.releasefile.ReleaseFile} reads a release descriptor file ({@code releases.yaml})
 * into core's {@link io.upsilon.release.ReleaseSet}, refusing every problem with a one-line {@code FILE:LINE:} error.
 */
package io.upsilon.releasefile;
