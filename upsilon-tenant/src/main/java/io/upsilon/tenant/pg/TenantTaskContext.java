package io.upsilon.tenant.pg;

import io.upsilon.ProgressReporter;
import io.upsilon.TaskContext;
import io.upsilon.Version;
import java.sql.Connection;
import java.util.Optional;
import org.slf4j.Logger;

/** The context of a task run for one tenant: the tenant's transaction, with {@code search_path} on its schema. */
record TenantTaskContext(Connection connection, Optional<Version> from, Version to, long fencingToken, String nodeId,
                         Logger logger, ProgressReporter progress) implements TaskContext {
}
