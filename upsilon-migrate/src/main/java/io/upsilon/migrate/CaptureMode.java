package io.upsilon.migrate;

/** How changes after the first copy are found. */
public enum CaptureMode {
    /**
     * From the source's log: a logical replication slot ({@code pgoutput}) made at the first copy's snapshot gives
     * every committed insert, update and delete in commit order. A PostgreSQL source with {@code wal_level=logical}
     * whose entities are all tables.
     */
    LOG,
    /**
     * From the update-time field: each catch-up re-reads the rows updated after the stored watermark (minus the
     * overlap); deletes are found by comparing keys. HTTP sources, and PostgreSQL below {@code wal_level=logical}.
     */
    WATERMARK
}
