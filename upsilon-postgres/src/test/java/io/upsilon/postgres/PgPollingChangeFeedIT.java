package io.upsilon.postgres;

import io.upsilon.spi.ChangeFeed;

/** The polling feed (for PgBouncer in transaction pooling) passes the {@link ChangeFeed} contract, without LISTEN. */
class PgPollingChangeFeedIT extends PgChangeFeedIT {

    @Override
    protected ChangeFeed feed() {
        return backend.pollingFeed();
    }

    @Override
    protected boolean notifies() {
        return false;
    }
}
