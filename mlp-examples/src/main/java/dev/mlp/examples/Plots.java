package dev.mlp.examples;

import dev.mlp.data.DataSet;
import dev.mlp.metrics.ConfusionMatrix;
import dev.mlp.train.AccuracyKind;
import dev.mlp.train.EpochResult;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The pictures of a run, as PNG files: loss and accuracy per epoch (XChart line charts), the
 * confusion matrix as a labelled heat map and a grid of misclassified images (both drawn with
 * Java2D). Everything renders off-screen: {@code java.awt.headless} is set before AWT loads.
 */
final class Plots {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    static final int CHART_WIDTH = 800;
    static final int CHART_HEIGHT = 500;
    static final int CONFUSION_SIZE = 800;
    static final int GRID_COLUMNS = 6;
    static final int GRID_ROWS = 4;
    static final int GRID_WIDTH = 800;
    private static final int GRID_TITLE = 48;
    private static final int TILE_IMAGE = 96;
    private static final int TILE_HEIGHT = 148;
    static final int GRID_HEIGHT = GRID_TITLE + GRID_ROWS * TILE_HEIGHT + 8;

    static final String LOSS = "loss.png";
    static final String ACCURACY = "accuracy.png";
    static final String CONFUSION = "confusion.png";
    static final String MISCLASSIFIED = "misclassified.png";

    private static final Color INK = new Color(0x22, 0x22, 0x22);
    private static final Color WRONG = new Color(0xC0, 0x1F, 0x1F);
    private static final Color TRAIN_COLOR = new Color(0x1F, 0x77, 0xB4);
    private static final Color VALIDATION_COLOR = new Color(0xFF, 0x7F, 0x0E);
    private static final Color TEST_COLOR = new Color(0x2C, 0xA0, 0x2C);

    private Plots() {
    }

    /** Training loss and, if there is validation data, validation loss per epoch. */
    static Path loss(Path dir, List<EpochResult> epochs, String lossName) throws IOException {
        XYChart chart = lineChart("Loss per epoch (" + lossName + ")", "loss");
        double[] x = epochNumbers(epochs);
        double[] train = new double[epochs.size()];
        double[] val = new double[epochs.size()];
        boolean validation = !epochs.isEmpty() && epochs.get(0).hasValidation();
        for (int i = 0; i < epochs.size(); i++) {
            train[i] = epochs.get(i).trainingLoss();
            val[i] = epochs.get(i).validationLoss();
        }
        style(chart.addSeries("training", x, train), TRAIN_COLOR);
        if (validation) {
            style(chart.addSeries("validation", x, val), VALIDATION_COLOR);
        }
        return write(BitmapEncoder.getBufferedImage(chart), dir.resolve(LOSS));
    }

    /**
     * Validation accuracy per epoch, with the final test accuracy as a flat line when known; null
     * (and no file) without validation data or without an accuracy (regression). The chart names
     * the kind of accuracy ({@link AccuracyKind#description()}), class accuracy for every
     * classifier the command line trains.
     */
    static Path accuracy(Path dir, List<EpochResult> epochs, double testAccuracy) throws IOException {
        if (epochs.isEmpty() || epochs.get(0).accuracyKind() == AccuracyKind.NONE) {
            return null;
        }
        String kind = epochs.get(0).accuracyKind().description();
        XYChart chart = lineChart(Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + " per epoch", kind);
        double[] x = epochNumbers(epochs);
        double[] val = new double[epochs.size()];
        for (int i = 0; i < epochs.size(); i++) {
            val[i] = epochs.get(i).validationAccuracy();
        }
        style(chart.addSeries("validation", x, val), VALIDATION_COLOR);
        if (!Double.isNaN(testAccuracy)) {
            double[] flat = new double[x.length];
            java.util.Arrays.fill(flat, testAccuracy);
            XYSeries test = chart.addSeries(String.format(Locale.ROOT, "test, final model (%.4f)", testAccuracy), x, flat);
            style(test, TEST_COLOR);
            test.setMarker(SeriesMarkers.NONE);
            test.setLineStyle(new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f));
        }
        chart.getStyler().setYAxisDecimalPattern("0.000");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        return write(BitmapEncoder.getBufferedImage(chart), dir.resolve(ACCURACY));
    }

    private static XYChart lineChart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder().width(CHART_WIDTH).height(CHART_HEIGHT)
                .title(title).xAxisTitle("epoch").yAxisTitle(yTitle).build();
        var styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridLinesColor(new Color(0xE0, 0xE0, 0xE0));
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setLegendBorderColor(new Color(0xCC, 0xCC, 0xCC));
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        styler.setXAxisDecimalPattern("0.#");
        styler.setYAxisDecimalPattern("0.0###");
        styler.setAntiAlias(true);
        return chart;
    }

    private static void style(XYSeries series, Color color) {
        series.setLineColor(color);
        series.setMarkerColor(color);
        series.setMarker(SeriesMarkers.CIRCLE);
        series.setLineWidth(2f);
    }

    private static double[] epochNumbers(List<EpochResult> epochs) {
        double[] x = new double[epochs.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = epochs.get(i).epoch();
        }
        return x;
    }

    /**
     * The confusion matrix as a heat map, CONFUSION_SIZE pixels square: row i is the true class,
     * column j the predicted one; each cell holds its count and is shaded by its share of the row
     * (the recall on the diagonal), so errors stand out whatever the class sizes.
     */
    static Path confusion(Path dir, ConfusionMatrix matrix, List<String> names, String title) throws IOException {
        int k = matrix.numClasses();
        BufferedImage image = new BufferedImage(CONFUSION_SIZE, CONFUSION_SIZE, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);

        Font titleFont = new Font(Font.SANS_SERIF, Font.BOLD, 16);
        Font labelFont = new Font(Font.SANS_SERIF, Font.PLAIN, k <= 12 ? 13 : k <= 30 ? 10 : 8);
        Font axisFont = new Font(Font.SANS_SERIF, Font.BOLD, 13);
        g.setFont(labelFont);
        FontMetrics lm = g.getFontMetrics();
        int longest = 0;
        for (String name : names) {
            longest = Math.max(longest, lm.stringWidth(name));
        }
        boolean rotate = longest > 28;
        int top = 56;
        int left = 36 + longest + 10;
        int bottom = 40 + (rotate ? (int) (longest * 0.72) + lm.getHeight() : lm.getHeight()) + 10;
        int right = 24;
        int side = Math.min(CONFUSION_SIZE - left - right, CONFUSION_SIZE - top - bottom);
        int cell = Math.max(1, side / k);
        side = cell * k;
        int x0 = left + (CONFUSION_SIZE - left - right - side) / 2;
        int y0 = top;

        g.setColor(INK);
        g.setFont(titleFont);
        centered(g, fit(g, title, CONFUSION_SIZE - 20), CONFUSION_SIZE / 2, 32);

        int[][] counts = matrix.counts();
        Font cellFont = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(8, Math.min(15, cell / 3)));
        g.setFont(cellFont);
        FontMetrics cm = g.getFontMetrics();
        for (int i = 0; i < k; i++) {
            int support = 0;
            for (int j = 0; j < k; j++) {
                support += counts[i][j];
            }
            for (int j = 0; j < k; j++) {
                double share = support == 0 ? 0 : (double) counts[i][j] / support;
                g.setColor(blues(share));
                g.fillRect(x0 + j * cell, y0 + i * cell, cell, cell);
                String text = Integer.toString(counts[i][j]);
                if (cm.stringWidth(text) <= cell - 2 && cm.getAscent() <= cell - 2) {
                    g.setColor(share > 0.5 ? Color.WHITE : INK);
                    centered(g, text, x0 + j * cell + cell / 2, y0 + i * cell + (cell + cm.getAscent() - cm.getDescent()) / 2);
                }
            }
        }
        g.setColor(new Color(0xBB, 0xBB, 0xBB));
        g.drawRect(x0, y0, side, side);

        g.setColor(INK);
        g.setFont(labelFont);
        for (int i = 0; i < k; i++) {
            String name = names.get(i);
            int cy = y0 + i * cell + (cell + lm.getAscent() - lm.getDescent()) / 2;
            g.drawString(name, x0 - 8 - lm.stringWidth(name), cy);
            int cx = x0 + i * cell + cell / 2;
            if (rotate) {
                AffineTransform saved = g.getTransform();
                g.translate(cx + lm.getAscent() / 2.0, y0 + side + 8);
                g.rotate(-Math.PI / 4);
                g.drawString(name, -lm.stringWidth(name), 0);
                g.setTransform(saved);
            } else {
                centered(g, name, cx, y0 + side + 6 + lm.getAscent());
            }
        }
        g.setFont(axisFont);
        centered(g, "predicted class", x0 + side / 2, CONFUSION_SIZE - 16);
        AffineTransform saved = g.getTransform();
        g.translate(22, y0 + side / 2.0);
        g.rotate(-Math.PI / 2);
        centered(g, "true class", 0, 0);
        g.setTransform(saved);
        g.dispose();
        return write(image, dir.resolve(CONFUSION));
    }

    /** White to dark blue, for a share in [0, 1]. */
    static Color blues(double share) {
        double t = Math.max(0, Math.min(1, share));
        int[][] stops = {{0xF7, 0xFB, 0xFF}, {0xC6, 0xDB, 0xEF}, {0x6B, 0xAE, 0xD6}, {0x21, 0x71, 0xB5}, {0x08, 0x30, 0x6B}};
        double pos = t * (stops.length - 1);
        int a = Math.min(stops.length - 2, (int) pos);
        double f = pos - a;
        int[] c = new int[3];
        for (int i = 0; i < 3; i++) {
            c[i] = (int) Math.round(stops[a][i] + f * (stops[a + 1][i] - stops[a][i]));
        }
        return new Color(c[0], c[1], c[2]);
    }

    /**
     * Up to GRID_COLUMNS × GRID_ROWS misclassified images, the most confident mistakes first, each
     * with its true and predicted class; GRID_WIDTH × GRID_HEIGHT pixels.
     *
     * @param raw        the images, one per row, unscaled
     * @param predicted  the predicted class of each row
     * @param confidence the probability given to the predicted class, per row
     * @param side       the images' height and width in pixels
     * @param pixelMax   the value drawn as full ink
     * @param what       the rows, for the title ("test images")
     */
    static Path misclassified(Path dir, DataSet raw, int[] predicted, double[] confidence, List<String> names,
                              int side, double pixelMax, String what) throws IOException {
        List<Integer> wrong = new ArrayList<>();
        for (int i = 0; i < predicted.length; i++) {
            if (predicted[i] != raw.label(i)) {
                wrong.add(i);
            }
        }
        wrong.sort(Comparator.comparingDouble((Integer i) -> -confidence[i]).thenComparingInt(i -> i));
        int shown = Math.min(wrong.size(), GRID_COLUMNS * GRID_ROWS);

        BufferedImage image = new BufferedImage(GRID_WIDTH, GRID_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = canvas(image);
        g.setColor(INK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        String title = wrong.isEmpty() ? "No misclassified " + what + " (" + predicted.length + " checked)"
                : shown == wrong.size()
                ? String.format(Locale.ROOT, "%d misclassified %s (of %d), most confident first",
                shown, what, predicted.length)
                : String.format(Locale.ROOT, "%d of %d misclassified %s (of %d), most confident first",
                shown, wrong.size(), what, predicted.length);
        centered(g, fit(g, title, GRID_WIDTH - 20), GRID_WIDTH / 2, 30);

        Font caption = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
        g.setFont(caption);
        FontMetrics fm = g.getFontMetrics();
        int tileWidth = GRID_WIDTH / GRID_COLUMNS;
        for (int t = 0; t < shown; t++) {
            int row = wrong.get(t);
            int tx = (t % GRID_COLUMNS) * tileWidth;
            int ty = GRID_TITLE + (t / GRID_COLUMNS) * TILE_HEIGHT;
            int ix = tx + (tileWidth - TILE_IMAGE) / 2;
            int iy = ty + 6;
            g.drawImage(picture(raw, row, side, pixelMax), ix, iy, TILE_IMAGE, TILE_IMAGE, null);
            g.setColor(new Color(0xBB, 0xBB, 0xBB));
            g.drawRect(ix - 1, iy - 1, TILE_IMAGE + 1, TILE_IMAGE + 1);
            int cx = tx + tileWidth / 2;
            int line1 = iy + TILE_IMAGE + 6 + fm.getAscent();
            g.setColor(INK);
            centered(g, fit(g, "true " + names.get(raw.label(row)), tileWidth - 4), cx, line1);
            g.setColor(WRONG);
            String pred = String.format(Locale.ROOT, "pred %s %.0f%%", names.get(predicted[row]), 100 * confidence[row]);
            centered(g, fit(g, pred, tileWidth - 4), cx, line1 + fm.getHeight());
        }
        g.dispose();
        return write(image, dir.resolve(MISCLASSIFIED));
    }

    /** One row as a grey image, ink dark on white. */
    private static BufferedImage picture(DataSet raw, int row, int side, double pixelMax) {
        BufferedImage img = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double v = Math.max(0, Math.min(1, raw.feature(row, y * side + x) / pixelMax));
                int grey = 255 - (int) Math.round(255 * v);
                img.getRaster().setSample(x, y, 0, grey);
            }
        }
        return img;
    }

    private static Graphics2D canvas(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        return g;
    }

    private static void centered(Graphics2D g, String text, int cx, int baseline) {
        g.drawString(text, cx - g.getFontMetrics().stringWidth(text) / 2, baseline);
    }

    /** The text, cut with an ellipsis to fit the width in the current font. */
    private static String fit(Graphics2D g, String text, int width) {
        FontMetrics fm = g.getFontMetrics();
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        String s = text;
        while (s.length() > 1 && fm.stringWidth(s + "…") > width) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "…";
    }

    /** Writes a PNG through a temporary file in the same directory, then moves it into place. */
    private static Path write(BufferedImage image, Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return file;
    }
}
