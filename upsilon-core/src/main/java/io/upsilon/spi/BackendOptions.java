package io.upsilon.spi;

import java.time.Duration;
import java.util.Optional;

/**
 * Where and how a {@link Backend} keeps Upsilon's state; every value is optional and the backend's default is used
 * for a missing one. Immutable; the backend checks the values when it opens ({@link BackendProvider#open}).
 */
public final class BackendOptions {

    private static final BackendOptions DEFAULTS = builder().build();

    private final String schema;
    private final String tablePrefix;
    private final String lock;
    private final Duration lockTimeout;

    private BackendOptions(Builder b) {
        this.schema = b.schema;
        this.tablePrefix = b.tablePrefix;
        this.lock = b.lock;
        this.lockTimeout = b.lockTimeout;
    }

    /** Every value the backend's default. */
    public static BackendOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The schema (or database namespace) holding Upsilon's tables. */
    public Optional<String> schema() {
        return Optional.ofNullable(schema);
    }

    /** The prefix of Upsilon's table names. */
    public Optional<String> tablePrefix() {
        return Optional.ofNullable(tablePrefix);
    }

    /** The kind of cluster lock {@link Backend#lock(String)} gives, as the backend names it (PostgreSQL: {@code advisory}, {@code lease}). */
    public Optional<String> lock() {
        return Optional.ofNullable(lock);
    }

    /** How long an upgrade task's statement waits for a table lock before it fails (and is retried). */
    public Optional<Duration> lockTimeout() {
        return Optional.ofNullable(lockTimeout);
    }

    /** Builds {@link BackendOptions}; null leaves a value to the backend. */
    public static final class Builder {
        private String schema;
        private String tablePrefix;
        private String lock;
        private Duration lockTimeout;

        private Builder() {
        }

        public Builder schema(String value) {
            this.schema = value;
            return this;
        }

        public Builder tablePrefix(String value) {
            this.tablePrefix = value;
            return this;
        }

        public Builder lock(String value) {
            this.lock = value;
            return this;
        }

        public Builder lockTimeout(Duration value) {
            this.lockTimeout = value;
            return this;
        }

        public BackendOptions build() {
            return new BackendOptions(this);
        }
    }
}
