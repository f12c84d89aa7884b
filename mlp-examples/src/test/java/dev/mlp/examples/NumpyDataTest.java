package dev.mlp.examples;

import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.mlp.examples.NamedColumnsTest.fixture;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code --npz}: numpy arrays hand data over without CSV. iris.npz and regression.npz hold the same
 * values as iris.csv and regression.csv, so training on either gives the same model and scores.
 */
class NumpyDataTest {

    private static final String[] IRIS = {"--layers", "16", "--epochs", "100", "--lr", "0.01", "--batch", "8",
        "--scale", "standard"};

    private static String[] args(String[] head, String... tail) {
        String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        return all;
    }

    private static String line(Cli.Run run, String regex) {
        Matcher m = Pattern.compile(regex).matcher(run.out());
        assertTrue(m.find(), regex + "\n" + run.all());
        return m.group();
    }

    @Test
    void irisFromAnNpzArchiveTrainsAsFromTheCsvFile(@TempDir Path dir) throws Exception {
        Path fromNpz = dir.resolve("npz.mlp");
        Path fromCsv = dir.resolve("csv.mlp");
        String npz = fixture("iris.npz").toString();
        Cli.Run a = Cli.run(args(new String[] {"train", "--npz", npz, "--output", fromNpz.toString()}, IRIS));
        Cli.Run b = Cli.run(args(new String[] {"train", "--csv", fixture("iris.csv").toString(), "--label-column",
            "species", "--output", fromCsv.toString()}, IRIS));
        assertEquals(0, a.exitCode(), a.all());
        assertEquals(0, b.exitCode(), b.all());
        assertTrue(a.out().contains("(arrays X, y): 150 rows of 4 features, 3 classes (setosa, versicolor, virginica)"),
                a.out());
        String accuracy = line(a, "Test accuracy: [^\\n]*");
        assertEquals(line(b, "Test accuracy: [^\\n]*"), accuracy);
        SavedModel model = ModelIO.load(fromNpz);
        assertEquals(List.of("setosa", "versicolor", "virginica"), model.classNames());
        assertTrue(model.inputNames().isEmpty(), "arrays name no columns");
        assertEquals("npz", model.metadata().get("data"));
        assertEquals("X,y", model.metadata().get("data.arrays"));

        Cli.Run evaluate = Cli.run("evaluate", "--model", fromNpz.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.all());
        assertTrue(evaluate.out().contains("Columns: by position (arrays name no columns), 4 features per row"),
                evaluate.out());
        assertTrue(accuracy.contains(line(evaluate, "(?m)^Accuracy: \\S+ \\(\\d+ of 30").substring(10)), evaluate.out());

        // the CSV model reads the arrays too, by position, with its class names
        Cli.Run crossed = Cli.run("evaluate", "--model", fromCsv.toString(), "--npz", npz);
        assertEquals(0, crossed.exitCode(), crossed.all());
        assertTrue(crossed.out().contains("Data: 150 rows of " + npz + " (arrays X, y)"), crossed.out());

        Cli.Run predict = Cli.run("predict", "--model", fromNpz.toString(), "--npz", npz);
        assertEquals(0, predict.exitCode(), predict.all());
        List<String> lines = predict.out().lines().toList();
        assertEquals(151, lines.size());
        assertEquals("row,predicted,p_setosa,p_versicolor,p_virginica", lines.get(0));
    }

    @Test
    void aRegressionFromArraysScoresAsFromTheCsvFile(@TempDir Path dir) {
        String[] common = {"--task", "regression", "--layers", "32", "--epochs", "30", "--lr", "0.01", "--batch", "16"};
        Cli.Run a = Cli.run(args(new String[] {"train", "--npz", fixture("regression.npz").toString(), "--output",
            dir.resolve("a.mlp").toString()}, common));
        Cli.Run b = Cli.run(args(new String[] {"train", "--csv", fixture("regression.csv").toString(), "--label-column",
            "y", "--output", dir.resolve("b.mlp").toString()}, common));
        assertEquals(0, a.exitCode(), a.all());
        assertEquals(0, b.exitCode(), b.all());
        assertEquals(line(b, "Test R\\^2 [^\\n]*"), line(a, "Test R\\^2 [^\\n]*"));
    }

    @Test
    void wrongArrayNamesAreRefusedNamingWhatTheArchiveHolds(@TempDir Path dir) {
        String npz = fixture("iris.npz").toString();
        Cli.Run absent = Cli.run("train", "--npz", npz, "--arrays", "features,labels", "--output",
                dir.resolve("m.mlp").toString());
        assertEquals(1, absent.exitCode(), absent.all());
        assertTrue(absent.err().contains("no array 'features'; it holds 'X', 'y'"), absent.all());
        Cli.Run bad = Cli.run("train", "--npz", npz, "--arrays", "X");
        assertEquals(2, bad.exitCode(), bad.all());
        assertTrue(bad.err().contains("--arrays must name two different arrays"), bad.all());
        Cli.Run wrongKind = Cli.run("train", "--csv", "x.csv", "--arrays", "X,y");
        assertEquals(2, wrongKind.exitCode(), wrongKind.all());
    }
}
