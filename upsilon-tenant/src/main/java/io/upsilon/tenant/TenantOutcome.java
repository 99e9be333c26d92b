package io.upsilon.tenant;

import io.upsilon.ErrorCode;
import java.util.Optional;

/** The one outcome of a tenant init call, with the HTTP status Okapi expects for it. */
public enum TenantOutcome {
    /** Already at that version; nothing happened. */
    UNCHANGED(204),
    /** A new tenant: its schema was created at the version. */
    CREATED(201),
    /** Upgraded (or downgraded) to the version. */
    UPGRADED(200),
    /** The module cannot do this (e.g. a downgrade without rollbacks); nothing changed. */
    REJECTED(400),
    /** The upgrade failed and everything was rolled back: the tenant's data is exactly as before. */
    FAILED(500);

    private final int httpStatus;

    TenantOutcome(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Whether the tenant is at the version asked for: every outcome but REJECTED and FAILED. */
    public boolean succeeded() {
        return this != REJECTED && this != FAILED;
    }

    /** The error code of REJECTED ({@code TENANT_REJECTED}) and FAILED ({@code TENANT_FAILED}); empty otherwise. */
    public Optional<ErrorCode> error() {
        return switch (this) {
            case REJECTED -> Optional.of(ErrorCode.TENANT_REJECTED);
            case FAILED -> Optional.of(ErrorCode.TENANT_FAILED);
            default -> Optional.empty();
        };
    }
}
