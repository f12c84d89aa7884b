package dev.mlp.examples;

import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SearchCommandTest {

    @Test
    void cvReportsEachFoldAndTheMeanAndSpread() {
        Cli.Run run = Cli.run("cv", "--folds", "3", "--layers", "32", "--epochs", "5", "--lr", "1e-2", "--threads", "2");
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.out().contains("3 stratified folds"), run.out());
        Matcher folds = Pattern.compile("(?m)^ +[123] +11\\d\\d +(59\\d|60\\d) +(0\\.\\d{4})").matcher(run.out());
        int seen = 0;
        while (folds.find()) {
            seen++;
        }
        assertEquals(3, seen, run.out());
        Matcher mean = Pattern.compile("Accuracy: (0\\.\\d{4}) ± (0\\.\\d{4})").matcher(run.out());
        assertTrue(mean.find(), run.out());
        assertTrue(Double.parseDouble(mean.group(1)) > 0.85, mean.group());
    }

    @Test
    void cvTakesOneSettingAndPointsToSearchForMore() {
        Cli.Run run = Cli.run("cv", "--layers", "16", "32", "--epochs", "1");
        assertEquals(2, run.exitCode(), run.all());
        assertTrue(run.err().contains("use 'mlp search'"), run.all());
        Cli.Run bad = Cli.run("search", "--layers", "16,x");
        assertEquals(2, bad.exitCode(), bad.all());
        assertTrue(bad.err().contains("--layers '16,x'"), bad.all());
    }

    @Test
    void searchRanksRefitsTestsAndSavesTheBest(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("best.mlp");
        Cli.Run run = Cli.run("search", "--folds", "3", "--layers", "8", "32", "--lr", "1e-2", "--epochs", "4",
                "--test-fraction", "0.2", "--output", file.toString());
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.out().contains("2 settings x 3 stratified folds = 6 networks"), run.out());
        assertTrue(run.out().contains("Rows: 1438 to search on, 359 held out"), run.out());
        Matcher ranks = Pattern.compile("(?m)^ +([12]) +(0\\.\\d{4}) ± 0\\.\\d{4} +\\d\\.\\d{4} +(8|32) ").matcher(run.out());
        assertTrue(ranks.find(), run.out());
        double first = Double.parseDouble(ranks.group(2));
        assertTrue(ranks.find(), run.out());
        assertTrue(first >= Double.parseDouble(ranks.group(2)), "ranked best first: " + run.out());
        assertTrue(run.out().contains("Its cross-validation alone: mlp cv --folds 3 --layers "), run.out());
        Matcher test = Pattern.compile("Test accuracy of the refitted best: (0\\.\\d{4})").matcher(run.out());
        assertTrue(test.find(), run.out());
        assertTrue(Double.parseDouble(test.group(1)) > 0.8, test.group());
        SavedModel model = ModelIO.load(file);
        assertEquals("3", model.metadata().get("cv-folds"));
        assertEquals(test.group(1), model.metadata().get("test-accuracy"));
        Cli.Run evaluate = Cli.run("evaluate", "--model", file.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.all());
        assertTrue(evaluate.out().contains("359"), evaluate.out());
    }
}
