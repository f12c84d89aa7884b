package dev.mlp.examples;

import dev.mlp.data.DataSet;
import dev.mlp.metrics.ConfusionMatrix;
import dev.mlp.train.EpochResult;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The PNG files of --plots: real PNGs, of the promised size, not blank. */
class PlotsTest {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    /** Reads a PNG, checking its signature, size and that it is not one flat colour. */
    static BufferedImage png(Path file, int width, int height) throws IOException {
        assertTrue(Files.isRegularFile(file), file + " missing");
        byte[] head = new byte[8];
        try (InputStream in = Files.newInputStream(file)) {
            assertEquals(8, in.read(head));
        }
        assertArrayEquals(PNG_SIGNATURE, head, file + " is not a PNG");
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " cannot be decoded");
        assertEquals(width, image.getWidth(), file + " width");
        assertEquals(height, image.getHeight(), file + " height");
        int first = image.getRGB(0, 0);
        boolean varied = false;
        for (int y = 0; y < height && !varied; y += 3) {
            for (int x = 0; x < width && !varied; x += 3) {
                varied = image.getRGB(x, y) != first;
            }
        }
        assertTrue(varied, file + " is blank");
        return image;
    }

    @Test
    void trainWritesTheFourPictures(@TempDir Path dir) throws Exception {
        Path plots = dir.resolve("plots");
        Cli.Run run = Cli.run("train", "--layers", "16", "--epochs", "3", "--lr", "0.01",
                "--output", dir.resolve("m.mlp").toString(), "--plots", plots.toString());
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.out().contains("Plots: " + plots.resolve("loss.png")), run.out());
        png(plots.resolve("loss.png"), Plots.CHART_WIDTH, Plots.CHART_HEIGHT);
        png(plots.resolve("accuracy.png"), Plots.CHART_WIDTH, Plots.CHART_HEIGHT);
        png(plots.resolve("confusion.png"), Plots.CONFUSION_SIZE, Plots.CONFUSION_SIZE);
        png(plots.resolve("misclassified.png"), Plots.GRID_WIDTH, Plots.GRID_HEIGHT);
        assertEquals(800, Plots.CHART_WIDTH);
        assertEquals(500, Plots.CHART_HEIGHT);
        assertEquals(800, Plots.CONFUSION_SIZE);
        try (var files = Files.list(plots)) {
            assertEquals(4, files.count(), "no temporary files are left behind");
        }

        Path again = dir.resolve("evaluate-plots");
        Cli.Run evaluate = Cli.run("evaluate", "--model", dir.resolve("m.mlp").toString(), "--plots", again.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.all());
        png(again.resolve("confusion.png"), Plots.CONFUSION_SIZE, Plots.CONFUSION_SIZE);
        png(again.resolve("misclassified.png"), Plots.GRID_WIDTH, Plots.GRID_HEIGHT);
        assertFalse(Files.exists(again.resolve("loss.png")));
    }

    @Test
    void withoutValidationThereIsNoAccuracyChartAndCsvDataHasNoImages(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("blobs.csv");
        TrainEvaluatePredictTest.writeBlobs(data, 90, true, true);
        Path plots = dir.resolve("p");
        Cli.Run run = Cli.run("train", "--csv", data.toString(), "--label-column", "kind", "--layers", "8",
                "--epochs", "2", "--batch", "8", "--validation", "0", "--output", dir.resolve("m.mlp").toString(),
                "--plots", plots.toString());
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.out().contains("no accuracy.png"), run.out());
        png(plots.resolve("loss.png"), Plots.CHART_WIDTH, Plots.CHART_HEIGHT);
        png(plots.resolve("confusion.png"), Plots.CONFUSION_SIZE, Plots.CONFUSION_SIZE);
        assertFalse(Files.exists(plots.resolve("accuracy.png")));
        assertFalse(Files.exists(plots.resolve("misclassified.png")));
    }

    @Test
    void heatMapShadesByShareOfTheRow(@TempDir Path dir) throws Exception {
        int[] yTrue = {0, 0, 0, 0, 1, 1, 2, 2, 2, 2};
        int[] yPred = {0, 0, 0, 0, 1, 2, 2, 2, 2, 2};
        ConfusionMatrix matrix = new ConfusionMatrix(yTrue, yPred, 3);
        Path file = Plots.confusion(dir, matrix, List.of("zero", "one", "two"), "test");
        BufferedImage image = png(file, Plots.CONFUSION_SIZE, Plots.CONFUSION_SIZE);
        assertEquals(new Color(0xF7, 0xFB, 0xFF), Plots.blues(0));
        assertEquals(new Color(0x08, 0x30, 0x6B), Plots.blues(1));
        int fullRows = 0;
        int halfRows = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                fullRows += rgb == Plots.blues(1).getRGB() ? 1 : 0;
                halfRows += rgb == Plots.blues(0.5).getRGB() ? 1 : 0;
            }
        }
        assertTrue(fullRows > 10_000, "rows 0 and 2 are all correct: two dark cells, got " + fullRows + " pixels");
        assertTrue(halfRows > 5_000, "row 1 is half right: two mid cells, got " + halfRows + " pixels");
    }

    @Test
    void chartsOfASingleEpochAndAPerfectModel(@TempDir Path dir) throws Exception {
        List<EpochResult> one = List.of(new EpochResult(1, 0.5, 0.4, 1.0, 0.001, 10));
        png(Plots.loss(dir, one, "mse"), Plots.CHART_WIDTH, Plots.CHART_HEIGHT);
        png(Plots.accuracy(dir, one, 1.0), Plots.CHART_WIDTH, Plots.CHART_HEIGHT);
        assertNull(Plots.accuracy(dir, List.of(new EpochResult(1, 0.5, Double.NaN, Double.NaN, 0.001, 10)), 0.9));

        DataSet images = new DataSet(new DMatrixRMaj(2, 4, true, 0, 1, 2, 3, 3, 2, 1, 0), new int[] {0, 1}, 2);
        Path grid = Plots.misclassified(dir, images, new int[] {0, 1}, new double[] {0.9, 0.8},
                List.of("a", "b"), 2, 3, "images");
        png(grid, Plots.GRID_WIDTH, Plots.GRID_HEIGHT);
    }
}
