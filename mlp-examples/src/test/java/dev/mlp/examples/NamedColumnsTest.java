package dev.mlp.examples;

import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * CSV files as people have them, from the command line: iris with a header and species names
 * trains; the model keeps the column and class names; the same rows with the columns in another
 * order evaluate and predict exactly the same, and a file with a column missing or unknown is
 * refused by name (exit status 1), never answered wrongly with status 0.
 */
class NamedColumnsTest {

    private static final Pattern TEST_ACCURACY = Pattern.compile("Test accuracy: (\\d\\.\\d{4}) \\((\\d+) of (\\d+)");
    private static final Pattern ACCURACY = Pattern.compile("(?m)^Accuracy: (\\d\\.\\d{4}) \\((\\d+) of (\\d+)\\)$");

    /** A fixture of src/test/resources/dev/mlp/examples/data (see the NOTICE there). */
    static Path fixture(String name) {
        try {
            return Path.of(NamedColumnsTest.class.getResource("data/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path trainIris(Path dir) {
        Path model = dir.resolve("iris.mlp");
        Cli.Run train = Cli.run("train", "--csv", fixture("iris.csv").toString(), "--label-column", "species",
                "--layers", "16", "--epochs", "100", "--lr", "0.01", "--batch", "8", "--scale", "standard",
                "--output", model.toString());
        assertEquals(0, train.exitCode(), train.all());
        assertTrue(train.out().contains("150 rows of 4 features, 3 classes (setosa, versicolor, virginica)"),
                train.out());
        Matcher acc = TEST_ACCURACY.matcher(train.out());
        assertTrue(acc.find(), train.out());
        assertEquals("30", acc.group(3));
        assertTrue(Double.parseDouble(acc.group(1)) >= 0.9, acc.group());
        return model;
    }

    private static String accuracy(Cli.Run run) {
        Matcher m = ACCURACY.matcher(run.out());
        assertTrue(m.find(), run.all());
        return m.group();
    }

    /** The report from the accuracy line on: the same for the same predictions. */
    private static String report(Cli.Run run) {
        return run.out().substring(run.out().indexOf("Accuracy: "));
    }

    @Test
    void irisWithSpeciesNamesTrainsAndReorderedColumnsGiveTheSameAnswers(@TempDir Path dir) throws IOException {
        Path model = trainIris(dir);
        SavedModel saved = ModelIO.load(model);
        assertEquals(List.of("sepal_length", "sepal_width", "petal_length", "petal_width"), saved.inputNames());
        assertEquals(List.of("setosa", "versicolor", "virginica"), saved.classNames());

        Cli.Run heldOut = Cli.run("evaluate", "--model", model.toString());
        assertEquals(0, heldOut.exitCode(), heldOut.all());
        assertTrue(heldOut.out().contains("Columns: matched by name to the model's 4 inputs"), heldOut.out());
        assertTrue(heldOut.out().contains("  versicolor "), heldOut.out());

        String original = fixture("iris.csv").toString();
        String reordered = fixture("iris-reordered.csv").toString();
        // every row of each (the training file alone would default to its held-out part)
        Cli.Run all = Cli.run("evaluate", "--model", model.toString(), "--csv", original, "--part", "all");
        Cli.Run moved = Cli.run("evaluate", "--model", model.toString(), "--csv", reordered);
        assertEquals(0, all.exitCode(), all.all());
        assertEquals(0, moved.exitCode(), moved.all());
        assertEquals(accuracy(all), accuracy(moved));
        assertEquals(report(all), report(moved));
        assertTrue(Double.parseDouble(accuracy(all).substring(10, 16)) >= 0.9, accuracy(all));

        // the held-out part of the reordered file: the same rows, the same accuracy as train reported
        Cli.Run movedTest = Cli.run("evaluate", "--model", model.toString(), "--csv", reordered,
                "--part", "test", "--test-fraction", "0.2");
        assertEquals(accuracy(heldOut), accuracy(movedTest));

        Cli.Run predicted = Cli.run("predict", "--model", model.toString(), "--csv", original);
        Cli.Run predictedMoved = Cli.run("predict", "--model", model.toString(), "--csv", reordered);
        assertEquals(0, predicted.exitCode(), predicted.all());
        assertEquals(predicted.out(), predictedMoved.out());
        List<String> lines = predicted.out().lines().toList();
        assertEquals("row,predicted,p_setosa,p_versicolor,p_virginica", lines.get(0));
        assertTrue(lines.get(1).startsWith("0,setosa,"), lines.get(1));
        assertEquals(151, lines.size());
    }

    @Test
    void aMissingOrUnknownColumnIsRefusedByName(@TempDir Path dir) throws IOException {
        Path model = trainIris(dir);
        List<String> rows = Files.readAllLines(fixture("iris-reordered.csv"));
        // species,petal_width,sepal_length,petal_length,sepal_width: drop petal_width
        Path lacking = dir.resolve("lacking.csv");
        Files.write(lacking, rows.stream().map(r -> r.replaceFirst("^([^,]*),[^,]*,", "$1,")).toList());
        Cli.Run missing = Cli.run("evaluate", "--model", model.toString(), "--csv", lacking.toString());
        assertEquals(1, missing.exitCode(), missing.all());
        assertTrue(missing.err().contains("missing: 'petal_width'"), missing.all());
        assertFalse(missing.out().contains("Accuracy"), missing.all());

        // a renamed column: missing under its old name, unknown under the new one
        Path renamed = dir.resolve("renamed.csv");
        List<String> changed = new ArrayList<>(rows);
        changed.set(0, changed.get(0).replace("sepal_width", "sepal_breadth"));
        Files.write(renamed, changed);
        for (String command : List.of("evaluate", "predict")) {
            Cli.Run run = Cli.run(command, "--model", model.toString(), "--csv", renamed.toString());
            assertEquals(1, run.exitCode(), run.all());
            assertTrue(run.err().contains("missing: 'sepal_width'") && run.err().contains("not asked for: 'sepal_breadth'"),
                    run.all());
        }

        // an extra column, for example an id, is refused too: every column must be accounted for
        Path extra = dir.resolve("extra.csv");
        List<String> withId = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            withId.add((i == 0 ? "id" : Integer.toString(i)) + "," + rows.get(i));
        }
        Files.write(extra, withId);
        Cli.Run id = Cli.run("predict", "--model", model.toString(), "--csv", extra.toString());
        assertEquals(1, id.exitCode(), id.all());
        assertTrue(id.err().contains("not asked for: 'id'"), id.all());
    }

    @Test
    void withoutAHeaderTheWidthIsChecked(@TempDir Path dir) throws IOException {
        Path model = trainIris(dir);
        List<String> rows = Files.readAllLines(fixture("iris.csv"));
        Path plain = dir.resolve("plain.csv");
        Files.write(plain, rows.subList(1, rows.size()));
        Cli.Run ok = Cli.run("evaluate", "--model", model.toString(), "--csv", plain.toString(), "--no-header",
                "--label-column", "-1");
        assertEquals(0, ok.exitCode(), ok.all());
        assertTrue(ok.out().contains("Columns: by position (the file has no header), 4 feature columns"), ok.out());
        Cli.Run withHeader = Cli.run("evaluate", "--model", model.toString(), "--csv", fixture("iris.csv").toString(),
                "--part", "all");
        assertEquals(accuracy(withHeader), accuracy(ok));

        Path narrow = dir.resolve("narrow.csv");
        Files.write(narrow, rows.subList(1, rows.size()).stream().map(r -> r.substring(r.indexOf(',') + 1)).toList());
        Cli.Run refused = Cli.run("evaluate", "--model", model.toString(), "--csv", narrow.toString(), "--no-header",
                "--label-column", "-1");
        assertEquals(1, refused.exitCode(), refused.all());
        assertTrue(refused.err().contains("expected 4 feature columns but the file has 3"), refused.all());
    }

    @Test
    void leadingLinesMissingValuesAndQuotedFieldsFromTheCommandLine(@TempDir Path dir) throws IOException {
        List<String> rows = Files.readAllLines(fixture("iris.csv"));
        List<String> lines = new ArrayList<>();
        lines.add("# iris, as a spreadsheet exported it");
        lines.add(rows.get(0));
        for (int i = 1; i < rows.size(); i++) {
            String r = rows.get(i);
            // quote every species name; blank one value on two rows
            String quoted = r.substring(0, r.lastIndexOf(',') + 1) + '"' + r.substring(r.lastIndexOf(',') + 1) + '"';
            lines.add(i == 7 || i == 80 ? quoted.replaceFirst("^[^,]*", "") : quoted);
        }
        Path file = dir.resolve("exported.csv");
        Files.write(file, lines);
        Path model = dir.resolve("m.mlp");
        String[] train = {"train", "--csv", file.toString(), "--label-column", "species", "--skip-lines", "1",
            "--layers", "8", "--epochs", "5", "--output", model.toString()};
        Cli.Run refused = Cli.run(train);
        assertEquals(1, refused.exitCode(), refused.all());
        assertTrue(refused.err().contains("line 9, column 1: the value is empty (column 'sepal_length')"),
                refused.all());
        String[] dropping = java.util.Arrays.copyOf(train, train.length + 2);
        dropping[train.length] = "--missing";
        dropping[train.length + 1] = "drop";
        Cli.Run ok = Cli.run(dropping);
        assertEquals(0, ok.exitCode(), ok.all());
        assertTrue(ok.out().contains("148 rows of 4 features, 3 classes (setosa, versicolor, virginica); left out 2 "
                + "rows with a missing value (lines 9, 82)"), ok.out());
        // evaluate reads the same file the same way, from the model's record of the options
        Cli.Run evaluate = Cli.run("evaluate", "--model", model.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.all());
        assertTrue(evaluate.out().contains("Data: 30 held-out rows"), evaluate.out());
    }
}
