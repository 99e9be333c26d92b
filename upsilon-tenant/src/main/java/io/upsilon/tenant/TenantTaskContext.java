package io.upsilon.tenant;

import io.upsilon.TaskContext;
import java.util.Map;
import java.util.Optional;

/**
 * The context a task gets when it runs for one tenant: the tenant's transaction (with {@code search_path} on the
 * tenant's schema) plus the tenant and Okapi's tenant parameters ({@code loadReference}, {@code loadSample}, any
 * key) of the call that runs it. A Java task reads them with
 * {@code if (context instanceof TenantTaskContext t && t.flag("loadSample")) …}.
 *
 * <p>SQL tasks see the same values as transaction-local settings: {@code current_setting('upsilon.tenant')} and,
 * per parameter whose key is 1 to 50 characters a-z, A-Z, 0-9 and _, {@code current_setting('upsilon.tenant.param.'
 * || lower(key), true)} (PostgreSQL folds setting names to lower case; other keys reach Java tasks only).
 */
public interface TenantTaskContext extends TaskContext {

    /** The tenant the task runs for. */
    TenantId tenant();

    /** The call's tenant parameters, in the order given; empty when none. */
    Map<String, String> parameters();

    /** One parameter. */
    default Optional<String> parameter(String key) {
        return Optional.ofNullable(parameters().get(key));
    }

    /** Whether a parameter is {@code true} (any case), as Okapi's {@code loadReference=true} is meant. */
    default boolean flag(String key) {
        return parameter(key).map(Boolean::parseBoolean).orElse(false);
    }
}
