package io.upsilon.spi;

import io.upsilon.Version;
import java.util.Optional;

/**
 * The data version together with the manifest digest recorded for it, as {@link VersionStore#dataVersionState()}
 * reads them in one indexed query.
 *
 * @param version        the data version; empty on a fresh store
 * @param manifestDigest the digest of the manifest's task list up to the data version, as last validated against
 *                       the history; empty when none was recorded (an older store, or never validated)
 */
public record DataVersionState(Optional<Version> version, Optional<String> manifestDigest) {
}
