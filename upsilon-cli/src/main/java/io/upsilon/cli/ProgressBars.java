package io.upsilon.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import me.tongfei.progressbar.InteractiveConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars (the me.tongfei progressbar library) drawn on the command's output: several at once, each redrawn
 * in place by the library's own thread. The library writes to a {@link PrintStream}; this one passes its bytes,
 * decoded as UTF-8, to the command's writer, so the bars go where the rest of the output goes.
 */
final class ProgressBars {

    /** Bars longer than this would wrap, and moving the cursor over wrapped lines goes wrong. */
    static final int WIDTH = 100;

    private final PrintStream stream;
    private final Duration redraw;

    ProgressBars(PrintWriter out, Duration redraw) {
        this.redraw = redraw;
        this.stream = new PrintStream(new OutputStream() {
            private final java.io.ByteArrayOutputStream pending = new java.io.ByteArrayOutputStream();

            @Override
            public synchronized void write(int b) {
                pending.write(b);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) {
                pending.write(b, off, len);
            }

            @Override
            public synchronized void flush() {
                out.print(pending.toString(StandardCharsets.UTF_8));
                pending.reset();
                out.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }

    /**
     * A new bar, drawn at once below the others.
     *
     * @param done  rows already done when it starts (not counted in its rate)
     * @param total the rows to read, or null while unknown (the bar then shows rows and rows/s only)
     */
    ProgressBar start(String label, long done, Long total) {
        ProgressBar bar = new ProgressBarBuilder().setTaskName(label).setInitialMax(total == null ? -1 : total)
                .setStyle(ProgressBarStyle.ASCII).setUnit(" rows", 1)
                .showSpeed(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(Locale.ROOT)))
                .setSpeedUnit(ChronoUnit.SECONDS).setUpdateIntervalMillis((int) redraw.toMillis())
                .setMaxRenderedLength(WIDTH).startsFrom(done, Duration.ZERO)
                .setConsumer(new InteractiveConsoleProgressBarConsumer(stream, WIDTH)).build();
        return bar;
    }

    void flush() {
        stream.flush();
    }
}
