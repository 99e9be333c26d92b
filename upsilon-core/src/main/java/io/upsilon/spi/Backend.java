package io.upsilon.spi;

/**
 * One database as Upsilon keeps its state in it: the stores and the cluster lock a node needs, made by a
 * {@link BackendProvider} from a data source and {@link BackendOptions}. Each call returns a new object over the same
 * data source; none opens a connection until used.
 */
public interface Backend {

    /** The data version, the task history and the release records. */
    VersionStore store();

    /** The node table. */
    NodeRegistry nodes();

    /** The cluster-wide maintenance flag. */
    MaintenanceStore maintenance();

    /** How nodes hear of a changed data version or maintenance window, as the backend does it by default. */
    ChangeFeed feed();

    /** The cluster lock of kind {@link BackendOptions#lock()} (the backend's default when not given), held as {@code nodeId}. */
    ClusterLock lock(String nodeId);
}
