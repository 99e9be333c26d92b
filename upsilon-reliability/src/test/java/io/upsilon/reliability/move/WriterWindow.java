package io.upsilon.reliability.move;

import io.upsilon.migrate.CutoverHook;
import java.util.Map;

/**
 * The cut-over's maintenance window for the scenario's application, the {@link SourceTraffic} writers: entering it
 * stops them and waits for their statements in flight (the drain), then measures how far the target's checkpoints
 * are behind the source at that moment, the lag the final catch-up inside the window has to close. Leaving it lets
 * nothing start again on the old cluster: after a cut-over the traffic belongs to the new one.
 */
public final class WriterWindow implements CutoverHook {

    private final SourceTraffic traffic;
    private final MoveFixture fixture;
    private volatile boolean entered;
    private volatile boolean exited;
    private volatile Throwable writerFailure;
    private volatile long lagRows;
    private volatile long lagMillis;

    public WriterWindow(SourceTraffic traffic, MoveFixture fixture) {
        this.traffic = traffic;
        this.fixture = fixture;
    }

    @Override
    public void enterWindow() {
        try {
            writerFailure = traffic.stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while draining the writers", e);
        }
        Map<String, Checkpoints.Mark> marks = Checkpoints.read(fixture.target);
        long rows = 0;
        long millis = 0;
        for (Map.Entry<String, Checkpoints.Mark> mark : marks.entrySet()) {
            if (mark.getKey().contains("/")) {
                continue; // a first copy's bookkeeping (entity/snapshot...), not an entity's position in time
            }
            // each entity's source table has the entity's name in this scenario
            Checkpoints.Lag lag = Checkpoints.lag(fixture.source, mark.getKey(), mark.getValue());
            rows += lag.rows();
            millis = Math.max(millis, lag.millis());
        }
        lagRows = rows;
        lagMillis = millis;
        entered = true;
    }

    /** The cut-over's last step: the new cluster opens; nothing starts again on the old one. */
    @Override
    public void openNew() {
        exited = true;
    }

    public boolean entered() {
        return entered;
    }

    public boolean exited() {
        return exited;
    }

    /** What failed in a writer thread, or null; a failed writer means the load was not what the figures say. */
    public Throwable writerFailure() {
        return writerFailure;
    }

    /** Source rows newer than the target's checkpoints when the window opened, summed over the entities. */
    public long lagRows() {
        return lagRows;
    }

    /** The most, over the entities, that the newest source update time was ahead of the checkpoint, at the window. */
    public long lagMillis() {
        return lagMillis;
    }
}
