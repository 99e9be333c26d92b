package io.upsilon.examples.transfers;

import io.upsilon.Version;
import io.upsilon.release.Release;
import java.util.List;

/**
 * What the code of one release does, beside what its descriptor says (API versions, data version, window): whether
 * it knows the {@code quote_id} column and how each API version treats {@code quoteId} (the changelog of seed 002).
 *
 * @param release          the descriptor from {@code releases.yaml}
 * @param knowsQuoteColumn whether the code reads and writes {@code transfer.quote_id} (1.0.2 and later)
 * @param v1QuoteId        how API v1 treats {@code quoteId}: REJECTED (1.0.0, 1.0.1: a validation error), OPTIONAL
 *                         (1.0.2); v1 is not served from 2.0.0 on
 */
public record ReleaseFeatures(Release release, boolean knowsQuoteColumn, QuoteId v1QuoteId) {

    /** How one API version treats {@code quoteId} in a request. */
    public enum QuoteId { REJECTED, OPTIONAL, REQUIRED }

    private static final Version V1_0_2 = Version.parse("1.0.2");

    public static ReleaseFeatures of(Release release) {
        boolean knows = !release.version().isBefore(V1_0_2);
        return new ReleaseFeatures(release, knows, knows ? QuoteId.OPTIONAL : QuoteId.REJECTED);
    }

    public Version version() {
        return release.version();
    }

    public List<String> apiVersions() {
        return release.apiVersions();
    }

    /** How API version {@code api} treats quoteId; v2 always requires it. */
    public QuoteId quoteId(String api) {
        return "v1".equals(api) ? v1QuoteId : QuoteId.REQUIRED;
    }
}
