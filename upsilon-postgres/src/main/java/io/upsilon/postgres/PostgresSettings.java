package io.upsilon.postgres;

import io.upsilon.ErrorCode;
import io.upsilon.UpsilonException;
import java.time.Duration;

/**
 * Where and how Upsilon keeps its tables in PostgreSQL. Immutable; made by {@link #builder()}, checked at
 * {@link Builder#build()}.
 *
 * @param schema      the schema holding Upsilon's tables (default {@code public}); created if missing
 * @param tablePrefix the prefix of Upsilon's table names (default {@code upsilon_})
 * @param lockName    the name of the cluster lock (default {@code upgrade})
 * @param lockTimeout PostgreSQL {@code lock_timeout} for upgrade tasks, so a blocked DDL fails (and is retried)
 *                    rather than queueing the application's queries behind it (default 5 s)
 * @param leaseTtl    how long a lease lock lives without a heartbeat (default 30 s)
 * @param heartbeat   how often a lease holder renews its lease (default a third of the TTL)
 */
public record PostgresSettings(String schema, String tablePrefix, String lockName, Duration lockTimeout,
                               Duration leaseTtl, Duration heartbeat) {


    public static Builder builder() {
        return new Builder();
    }

    public static PostgresSettings defaults() {
        return builder().build();
    }

    /** The schema-qualified, quoted name of one of Upsilon's tables, e.g. {@code "public"."upsilon_history"}. */
    public String table(String name) {
        return '"' + schema + "\".\"" + tablePrefix + name + '"';
    }

    /** The LISTEN/NOTIFY channel on which data-version changes are announced. */
    public String versionChannel() {
        return schema + "_" + tablePrefix + "data_version";
    }

    /** The LISTEN/NOTIFY channel on which maintenance-window changes are announced. */
    public String maintenanceChannel() {
        return schema + "_" + tablePrefix + "maintenance";
    }

    /** Builds {@link PostgresSettings}. */
    public static final class Builder {
        private String schema = "public";
        private String tablePrefix = "upsilon_";
        private String lockName = "upgrade";
        private Duration lockTimeout = Duration.ofSeconds(5);
        private Duration leaseTtl = Duration.ofSeconds(30);
        private Duration heartbeat;

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

        public Builder lockName(String value) {
            this.lockName = value;
            return this;
        }

        public Builder lockTimeout(Duration value) {
            this.lockTimeout = value;
            return this;
        }

        public Builder leaseTtl(Duration value) {
            this.leaseTtl = value;
            return this;
        }

        public Builder heartbeat(Duration value) {
            this.heartbeat = value;
            return this;
        }

        /**
         * @throws UpsilonException {@link ErrorCode#BAD_INPUT} for an unsafe identifier or a bad duration
         */
        public PostgresSettings build() {
            identifier("schema", schema);
            identifier("table prefix", tablePrefix);
            if (lockName == null || lockName.isBlank() || lockName.length() > 200 || lockName.contains("$")) {
                // no dollar sign: the fencing check quotes the name inside a dollar-quoted DO block
                throw bad("the lock name must be 1 to 200 characters, without '$'");
            }
            positive("lock timeout", lockTimeout);
            positive("lease TTL", leaseTtl);
            Duration beat = heartbeat != null ? heartbeat : leaseTtl.dividedBy(3);
            positive("heartbeat", beat);
            if (beat.compareTo(leaseTtl) >= 0) {
                throw bad("the heartbeat (" + beat.toMillis() + " ms) must be shorter than the lease TTL ("
                        + leaseTtl.toMillis() + " ms)");
            }
            return new PostgresSettings(schema, tablePrefix, lockName, lockTimeout, leaseTtl, beat);
        }

        private static void identifier(String what, String value) {
            if (!isIdentifier(value)) {
                throw bad("unsafe " + what + " '" + value + "': use 1 to 40 lower-case letters, digits and"
                        + " underscores, starting with a letter or underscore");
            }
        }

        /**
         * {@code [a-z_][a-z0-9_]{0,39}}, checked by a loop: compiling the regular expression was a measurable part
         * of a cold start (every backend checks three names).
         */
        private static boolean isIdentifier(String value) {
            if (value == null || value.isEmpty() || value.length() > 40) {
                return false;
            }
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || c == '_' || (i > 0 && c >= '0' && c <= '9');
                if (!ok) {
                    return false;
                }
            }
            return true;
        }

        private static void positive(String what, Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw bad("the " + what + " must be positive");
            }
        }

        private static UpsilonException bad(String message) {
            return new UpsilonException(ErrorCode.BAD_INPUT, "invalid PostgreSQL settings: " + message);
        }
    }
}
