package dev.mlp.examples;

import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import dev.mlp.model.InputScaling;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.mlp.examples.NamedColumnsTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code train --task regression} on a CSV file with a real-valued target (regression.csv:
 * y = 3 x1 - 2 x2 + 0.5 x3 + 10 + noise of sd 0.5, so the best possible R² is about 0.98):
 * R², MAE and RMSE on the test part, the same from evaluate, predictions in the target's units.
 */
class RegressionCommandTest {

    private static final Pattern SCORES = Pattern.compile("R\\^2 (-?\\d\\.\\d{4}), MAE (\\S+), RMSE (\\S+) \\(");

    @Test
    void aRegressionTrainsReportsR2AndPredictsInTheTargetsUnits(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("reg.mlp");
        Path data = fixture("regression.csv");
        Cli.Run train = Cli.run("train", "--csv", data.toString(), "--label-column", "y", "--task", "regression",
                "--layers", "32", "--epochs", "100", "--lr", "0.01", "--batch", "16", "--output", model.toString());
        assertEquals(0, train.exitCode(), train.all());
        assertTrue(train.out().contains("400 rows of 3 features, target 'y'"), train.out());
        assertTrue(train.out().contains("Rows: 288 to train on, 32 to validate on, 80 to test on (random, seed 1)"),
                train.out());
        assertTrue(train.out().contains("train loss  val loss        time  samples/s"), "no accuracy column: "
                + train.out());
        Matcher scores = SCORES.matcher(train.out());
        assertTrue(scores.find(), train.out());
        double r2 = Double.parseDouble(scores.group(1));
        assertTrue(r2 > 0.95, scores.group());
        assertTrue(Double.parseDouble(scores.group(3)) < 0.8, "RMSE near the noise's 0.5: " + scores.group());

        SavedModel saved = ModelIO.load(model);
        assertEquals(List.of("x1", "x2", "x3"), saved.inputNames());
        InputScaling target = saved.targetScaling();
        assertNotNull(target);
        assertTrue(target.offset()[0] > 9 && target.offset()[0] < 11, "the mean of y: " + target);
        assertEquals(scores.group(1), saved.metadata().get("test-r2"));
        assertEquals("regression", saved.metadata().get("task"));

        Cli.Run evaluate = Cli.run("evaluate", "--model", model.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.all());
        assertTrue(evaluate.out().contains("Data: 80 held-out rows"), evaluate.out());
        assertTrue(evaluate.out().contains(scores.group() + "80 rows)"), evaluate.out());

        Cli.Run predict = Cli.run("predict", "--model", model.toString(), "--csv", data.toString());
        assertEquals(0, predict.exitCode(), predict.all());
        List<String> lines = predict.out().lines().toList();
        assertEquals(401, lines.size());
        assertEquals("row,predicted", lines.get(0));
        List<String> rows = Files.readAllLines(data);
        double worst = 0;
        for (int i = 1; i < lines.size(); i++) {
            String[] f = lines.get(i).split(",");
            assertEquals(i - 1, Integer.parseInt(f[0]));
            String[] row = rows.get(i).split(",");
            worst = Math.max(worst, Math.abs(Double.parseDouble(f[1]) - Double.parseDouble(row[3])));
            if (i == 1) {
                DMatrixRMaj x = new DMatrixRMaj(1, 3, true, Double.parseDouble(row[0]), Double.parseDouble(row[1]),
                        Double.parseDouble(row[2]));
                assertEquals(saved.predict(x).get(0, 0), Double.parseDouble(f[1]), 1e-6);
            }
        }
        assertTrue(worst < 3, "every prediction within 3 (6 noise sd) of its target, worst " + worst);
    }

    @Test
    void wrongCombinationsAreRefused(@TempDir Path dir) {
        String data = fixture("regression.csv").toString();
        String out = dir.resolve("m.mlp").toString();
        Cli.Run digits = Cli.run("train", "--task", "regression", "--output", out);
        assertEquals(2, digits.exitCode(), digits.all());
        assertTrue(digits.err().contains("--task regression needs a CSV file"), digits.all());
        Cli.Run loss = Cli.run("train", "--csv", data, "--label-column", "y", "--task", "regression", "--loss", "bce",
                "--output", out);
        assertEquals(2, loss.exitCode(), loss.all());
        assertTrue(loss.err().contains("--loss bce is a classifier's loss"), loss.all());
        Cli.Run target = Cli.run("train", "--scale-target", "standard", "--output", out);
        assertEquals(2, target.exitCode(), target.all());
        assertTrue(target.err().contains("--scale-target applies to --task regression only"), target.all());
        // a real-valued label read as classes points to --task regression
        Cli.Run classes = Cli.run("train", "--csv", data, "--label-column", "y", "--output", out);
        assertEquals(1, classes.exitCode(), classes.all());
        assertTrue(classes.err().contains("is not an integer") && classes.err().contains("--task regression"),
                classes.all());
    }
}
