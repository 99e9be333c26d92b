package io.upsilon.tenant;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.util.Objects;
import java.util.Optional;

/**
 * How {@link TenantUpgrader#upgrade(io.upsilon.ModuleId, TenantUpgradeOptions)} runs: the canary and its check, how
 * many tenants at once, whether to go on after a failure, and who hears of each tenant. Immutable; checked at
 * {@link Builder#build()}.
 */
public final class TenantUpgradeOptions {

    private final Optional<TenantId> canary;
    private final Optional<CanaryCheck> canaryCheck;
    private final int parallel;
    private final boolean continueOnError;
    private final TenantUpgrader.Listener listener;

    private TenantUpgradeOptions(Builder b) {
        this.canary = Optional.ofNullable(b.canary);
        this.canaryCheck = Optional.ofNullable(b.canaryCheck);
        this.parallel = b.parallel;
        this.continueOnError = b.continueOnError;
        this.listener = b.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The tenant upgraded first, alone; empty for none. */
    public Optional<TenantId> canary() {
        return canary;
    }

    /** The check run after the canary's init, before any other tenant; empty for none. */
    public Optional<CanaryCheck> canaryCheck() {
        return canaryCheck;
    }

    /** How many tenants run at once after the canary (each holds one database connection). */
    public int parallel() {
        return parallel;
    }

    /** Whether other tenants still start after one failed (a failed canary always stops the run). */
    public boolean continueOnError() {
        return continueOnError;
    }

    /** Who hears of each tenant starting and finishing. */
    public TenantUpgrader.Listener listener() {
        return listener;
    }

    /** Builds {@link TenantUpgradeOptions}; defaults: no canary, 1 at a time, stop at the first failure. */
    public static final class Builder {
        private TenantId canary;
        private CanaryCheck canaryCheck;
        private int parallel = 1;
        private boolean continueOnError;
        private TenantUpgrader.Listener listener = new TenantUpgrader.Listener() { };

        private Builder() {
        }

        public Builder canary(TenantId value) {
            this.canary = value;
            return this;
        }

        public Builder canary(Optional<TenantId> value) {
            this.canary = value.orElse(null);
            return this;
        }

        /** Needs a {@link #canary}: the check runs on it. */
        public Builder canaryCheck(CanaryCheck value) {
            this.canaryCheck = value;
            return this;
        }

        public Builder parallel(int value) {
            this.parallel = value;
            return this;
        }

        public Builder continueOnError(boolean value) {
            this.continueOnError = value;
            return this;
        }

        public Builder listener(TenantUpgrader.Listener value) {
            this.listener = Objects.requireNonNull(value, "listener");
            return this;
        }

        /** @throws UpsilonException {@code BAD_INPUT} for parallel below 1, or a canary check without a canary */
        public TenantUpgradeOptions build() {
            if (parallel < 1) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "parallel must be at least 1, got " + parallel);
            }
            if (canaryCheck != null && canary == null) {
                throw new UpsilonException(ErrorCode.BAD_INPUT, "a canary check needs a canary tenant to check;"
                        + " name one");
            }
            return new TenantUpgradeOptions(this);
        }
    }
}
