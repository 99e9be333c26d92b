package io.upsilon.cli;

import io.upsilon.Version;
import io.upsilon.cli.ProgressView.Mode;
import io.upsilon.tenant.TenantId;
import io.upsilon.tenant.TenantResult;
import io.upsilon.tenant.TenantUpgrader;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Shows a tenant upgrade while it runs. On a terminal: a progress bar on stderr with the tenants done, tenants/s and
 * the ETA. Elsewhere (a log, a pipe): one plain line per tenant as it starts, so a long run is visibly alive. Silent
 * for {@code --json}. Called from the run's threads.
 */
final class TenantProgress implements TenantUpgrader.Listener, AutoCloseable {

    private final PrintWriter out;
    /** TERMINAL: one bar of tenants; PLAIN: a line per tenant as it starts; NONE: nothing. */
    private final Mode mode;
    private ProgressBar bar;

    TenantProgress(PrintWriter out, Mode mode) {
        this.out = out;
        this.mode = mode;
    }

    @Override
    public synchronized void planned(List<TenantId> tenants) {
        if (mode == Mode.TERMINAL && !tenants.isEmpty()) {
            bar = new ProgressBarBuilder().setTaskName("tenants").setInitialMax(tenants.size())
                    .setUnit(" tenants", 1).showSpeed().setStyle(ProgressBarStyle.ASCII).build();
        }
    }

    @Override
    public synchronized void started(TenantId tenant, Optional<Version> from) {
        if (mode == Mode.PLAIN) {
            out.println("-> " + tenant + " " + from.map(Version::toString).orElse("none"));
            out.flush();
        } else if (bar != null) {
            bar.setExtraMessage(" " + tenant.value()); // the bar puts it right after the speed
        }
    }

    @Override
    public synchronized void finished(TenantResult result) {
        if (bar != null) {
            bar.step();
        }
    }

    @Override
    public synchronized void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
