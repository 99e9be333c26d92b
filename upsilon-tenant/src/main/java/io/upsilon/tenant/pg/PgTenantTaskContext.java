package io.upsilon.tenant.pg;

import io.upsilon.ProgressReporter;
import io.upsilon.Version;
import io.upsilon.tenant.TenantId;
import io.upsilon.tenant.TenantTaskContext;
import java.sql.Connection;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/** The context of a task run for one tenant: the tenant's transaction, with {@code search_path} on its schema. */
record PgTenantTaskContext(Connection connection, Optional<Version> from, Version to, long fencingToken,
                           String nodeId, Logger logger, ProgressReporter progress, TenantId tenant,
                           Map<String, String> parameters) implements TenantTaskContext {
}
