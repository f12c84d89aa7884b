package dev.mlp.examples;

import dev.mlp.train.EpochResult;
import dev.mlp.train.TrainingListener;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows training as it happens. After every epoch it prints one line: the epoch, the training
 * loss, the validation loss and (for classifiers) the validation class accuracy, the time the
 * epoch took and its throughput. On an
 * interactive terminal it also draws a progress bar during the epoch (batches done, samples per
 * second, time left, running loss), redrawn in place with a carriage return at most ten times a
 * second; elsewhere (CI, pipes, files) only the epoch lines appear.
 */
final class Progress implements TrainingListener {

    /** The least time between two redraws of the bar: 100 ms. */
    static final long REDRAW_NANOS = 100_000_000L;
    private static final int MIN_CELLS = 8;
    private static final int MAX_CELLS = 30;

    private final PrintWriter out;
    private final boolean bar;
    private final LongSupplier clock;
    private final int epochs;
    private final int rows;
    private final int batchSize;
    private final int batchesPerEpoch;
    private final int width;
    private final String epochFormat;
    private final boolean accuracyColumn;

    private final List<EpochResult> results = new ArrayList<>();
    private final List<Double> seconds = new ArrayList<>();
    private long epochStart;
    private long lastDraw;
    private int drawnLength;
    private double lossSum;
    private long rowsDone;
    private int redraws;

    /**
     * @param out       where lines go
     * @param bar       whether to draw the in-place progress bar (interactive terminals only)
     * @param clock     nanoTime, replaceable in tests
     * @param epochs    the epochs planned
     * @param rows      training rows per epoch
     * @param batchSize rows per batch (the last batch may be smaller)
     * @param width     the terminal width the bar must fit in
     */
    Progress(PrintWriter out, boolean bar, LongSupplier clock, int epochs, int rows, int batchSize, int width) {
        this(out, bar, clock, epochs, rows, batchSize, width, true);
    }

    /**
     * As above; {@code accuracyColumn} false leaves out the validation accuracy column (for
     * regression, which has none).
     */
    Progress(PrintWriter out, boolean bar, LongSupplier clock, int epochs, int rows, int batchSize, int width,
             boolean accuracyColumn) {
        this.accuracyColumn = accuracyColumn;
        this.out = out;
        this.bar = bar;
        this.clock = clock;
        this.epochs = epochs;
        this.rows = rows;
        this.batchSize = batchSize;
        this.batchesPerEpoch = (rows + batchSize - 1) / batchSize;
        this.width = width;
        int digits = Integer.toString(epochs).length();
        this.epochFormat = "epoch %" + digits + "d/%d";
        this.epochStart = clock.getAsLong();
        this.lastDraw = epochStart;
    }

    /** The header line matching {@link #epochLine}. */
    String header() {
        String epoch = String.format(Locale.ROOT, epochFormat, epochs, epochs);
        if (!accuracyColumn) {
            return String.format(Locale.ROOT, "%-" + epoch.length() + "s  %10s  %8s  %10s  %9s",
                    "", "train loss", "val loss", "time", "samples/s");
        }
        return String.format(Locale.ROOT, "%-" + epoch.length() + "s  %10s  %8s  %7s  %10s  %9s",
                "", "train loss", "val loss", "val acc", "time", "samples/s");
    }

    /** Restarts the clock of the current epoch, for example after the data is prepared. */
    void start() {
        epochStart = clock.getAsLong();
        lastDraw = epochStart;
    }

    @Override
    public Action onBatchEnd(int epoch, int batch, double batchLoss) {
        int batchRows = Math.min(batchSize, rows - (batch - 1) * batchSize);
        lossSum += batchLoss * batchRows;
        rowsDone += batchRows;
        if (bar) {
            long now = clock.getAsLong();
            if (now - lastDraw >= REDRAW_NANOS) {
                draw(epoch, batch, now);
                lastDraw = now;
            }
        }
        return Action.CONTINUE;
    }

    @Override
    public Action onEpochEnd(EpochResult result) {
        long now = clock.getAsLong();
        double secs = Math.max(1e-9, (now - epochStart) / 1e9);
        clear();
        out.println(epochLine(result, secs, rowsDone / secs));
        out.flush();
        results.add(result);
        seconds.add(secs);
        epochStart = now;
        lastDraw = now;
        lossSum = 0;
        rowsDone = 0;
        return Action.CONTINUE;
    }

    /** Removes the bar, if drawn, so that the next line starts clean. */
    void clear() {
        if (drawnLength > 0) {
            out.print("\r" + " ".repeat(drawnLength) + "\r");
            out.flush();
            drawnLength = 0;
        }
    }

    String epochLine(EpochResult r, double secs, double samplesPerSecond) {
        String val;
        if (!accuracyColumn) {
            val = r.hasValidation() ? String.format(Locale.ROOT, "%8.4f", r.validationLoss())
                    : String.format(Locale.ROOT, "%8s", "-");
        } else {
            val = r.hasValidation()
                    ? String.format(Locale.ROOT, "%8.4f  %7.4f", r.validationLoss(), r.validationAccuracy())
                    : String.format(Locale.ROOT, "%8s  %7s", "-", "-");
        }
        return String.format(Locale.ROOT, epochFormat + "  %10.4f  %s  %10s  %9.0f",
                r.epoch(), epochs, r.trainingLoss(), val, duration(secs), samplesPerSecond);
    }

    private void draw(int epoch, int batch, long now) {
        double elapsed = (now - epochStart) / 1e9;
        double rate = elapsed > 0 ? rowsDone / elapsed : 0;
        int total = Math.max(batchesPerEpoch, batch);
        double eta = batch > 0 ? elapsed / batch * (total - batch) : 0;
        int countWidth = Integer.toString(total).length();
        String prefix = String.format(Locale.ROOT, epochFormat + " [", epoch, epochs);
        String suffix = String.format(Locale.ROOT, "] %" + countWidth + "d/%d  %.0f samples/s  ETA %s  loss %.4f",
                batch, total, rate, clock(eta), lossSum / Math.max(1, rowsDone));
        int cellCount = Math.max(MIN_CELLS, Math.min(MAX_CELLS, width - 1 - prefix.length() - suffix.length()));
        int filled = (int) ((long) cellCount * batch / total);
        String cells = "=".repeat(filled) + (filled < cellCount ? ">" + " ".repeat(cellCount - filled - 1) : "");
        String line = prefix + cells + suffix;
        if (line.length() > width - 1) {
            line = line.substring(0, width - 1);
        }
        String pad = drawnLength > line.length() ? " ".repeat(drawnLength - line.length()) : "";
        out.print("\r" + line + pad);
        out.flush();
        drawnLength = line.length();
        redraws++;
    }

    /** The epochs seen so far. */
    List<EpochResult> results() {
        return List.copyOf(results);
    }

    /** Seconds each epoch took, training and validation together. */
    List<Double> seconds() {
        return List.copyOf(seconds);
    }

    /** How often the bar was drawn. */
    int redraws() {
        return redraws;
    }

    /** "8 ms", "0.84 s", "12.3 s", "2 min 05 s". */
    static String duration(double secs) {
        if (secs < 0.1) {
            return String.format(Locale.ROOT, "%.0f ms", secs * 1000);
        }
        if (secs < 10) {
            return String.format(Locale.ROOT, "%.2f s", secs);
        }
        if (secs < 60) {
            return String.format(Locale.ROOT, "%.1f s", secs);
        }
        long s = Math.round(secs);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, s / 60 % 60);
    }

    /** "0:07", "12:30", "1:02:03". */
    static String clock(double secs) {
        long s = Math.round(secs);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
