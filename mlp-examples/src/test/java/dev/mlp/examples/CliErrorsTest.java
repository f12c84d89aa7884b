package dev.mlp.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Wrong usage ends with exit status 2, a message that names the option, and the command's usage;
 * work that fails (missing or damaged files) ends with exit status 1 and one line saying why.
 * None of these runs trains a network.
 */
class CliErrorsTest {

    /** Exit 2, the message on stderr names {@code option}, and the usage of {@code command} follows. */
    private static void refused(String command, String option, String... args) {
        Cli.Run run = Cli.run(args);
        assertEquals(2, run.exitCode(), run.all());
        String firstLine = run.err().lines().findFirst().orElse("");
        assertTrue(firstLine.contains(option), "message should name " + option + ": " + run.all());
        assertTrue(firstLine.startsWith("mlp " + command), run.all());
        assertTrue(run.err().contains("Usage: mlp " + command), run.all());
        assertFalse(run.out().contains("Saved"), run.all());
    }

    @Test
    void trainRefusesBadOptions() {
        refused("train", "--epochs", "train", "--epochs", "0");
        refused("train", "--lr", "train", "--lr", "fast");
        refused("train", "--lr", "train", "--lr", "-0.1");
        refused("train", "--optimizer", "train", "--optimizer", "adamm");
        refused("train", "--activation", "train", "--activation", "swish");
        refused("train", "--loss", "train", "--loss", "hinge");
        refused("train", "--scale", "train", "--scale", "max");
        refused("train", "--layers", "train", "--layers", "64,0");
        refused("train", "--validation", "train", "--validation", "1");
        refused("train", "--test-fraction", "train", "--test-fraction", "-0.5");
        refused("train", "--early-stopping", "train", "--early-stopping", "-1");
        refused("train", "--test-fraction", "train", "--data", "fashion", "--test-fraction", "0.1");
        refused("train", "--csv", "train", "--data", "digits", "--csv", "x.csv");
        refused("train", "--csv", "train", "--data", "csv");
        refused("train", "--delimiter", "train", "--csv", "x.csv", "--delimiter", ";;");
        refused("train", "--label-column", "train", "--csv", "x.csv", "--no-header", "--label-column", "species");
        refused("train", "--data", "train", "--data", "mnist");
        for (String schedule : new String[] {"steps:2:0.5", "step:0:0.5", "step:2", "step:2:0.5:1", "exponential:x",
                "exponential:0", "plateau:2:3", "plateau:0.5:0", "cosine:-1", "constant:1", ""}) {
            refused("train", "--schedule", "train", "--schedule", schedule);
        }
        refused("train", "--schedule", "train", "--lr", "0.01", "--schedule", "cosine:0.1");
        refused("train", "--schedule", "train", "--lr", "0.01", "--schedule", "plateau:0.5:3:0.02");
    }

    @Test
    void aMistypedOptionIsNamedWithASuggestion() {
        Cli.Run run = Cli.run("train", "--epoch", "3");
        assertEquals(2, run.exitCode(), run.all());
        assertTrue(run.err().contains("'--epoch'"), run.all());
        assertTrue(run.err().contains("--epochs"), run.all());
        assertTrue(run.err().contains("Usage: mlp train"), run.all());
    }

    @Test
    void aBatchLargerThanTheDataIsRefusedBeforeTraining() {
        Cli.Run run = Cli.run("train", "--batch", "5000");
        assertEquals(2, run.exitCode(), run.all());
        assertTrue(run.err().contains("--batch 5000 is larger than the 1294 rows"), run.all());
    }

    @Test
    void evaluateRefusesBadOptions() {
        refused("evaluate", "--model", "evaluate");
        refused("evaluate", "--part", "evaluate", "--model", "m.mlp", "--part", "middle");
        refused("evaluate", "--decimals", "evaluate", "--model", "m.mlp", "--decimals", "-1");
        refused("evaluate", "--seed", "evaluate", "--model", "m.mlp", "--seed", "one");
    }

    @Test
    void predictRefusesBadOptions() {
        refused("predict", "--model", "predict");
        refused("predict", "--decimals", "predict", "--model", "m.mlp", "--decimals", "99");
        refused("predict", "--data", "predict", "--model", "m.mlp", "--data", "images");
    }

    @Test
    void aCommandIsRequired() {
        Cli.Run run = Cli.run();
        assertEquals(2, run.exitCode(), run.all());
        assertTrue(run.err().contains("a command is required"), run.all());
        assertTrue(run.err().contains("Usage: mlp"), run.all());
        Cli.Run unknown = Cli.run("fit");
        assertEquals(2, unknown.exitCode(), unknown.all());
        assertTrue(unknown.err().contains("'fit'"), unknown.all());
    }

    @Test
    void helpAndVersionOnEveryLevel() {
        for (String command : List.of("digits", "train", "evaluate", "predict")) {
            Cli.Run help = Cli.run(command, "--help");
            assertEquals(0, help.exitCode(), help.all());
            assertTrue(help.out().startsWith("Usage: mlp " + command), help.all());
            Cli.Run version = Cli.run(command, "--version");
            assertEquals(0, version.exitCode(), version.all());
            assertTrue(version.out().startsWith("mlp "), version.all());
        }
        Cli.Run top = Cli.run("--help");
        assertEquals(0, top.exitCode(), top.all());
        for (String command : List.of("digits", "train", "evaluate", "predict")) {
            assertTrue(top.out().contains("  " + command + " "), top.all());
        }
        assertTrue(top.out().contains("Exit status"), top.all());
        Cli.Run version = Cli.run("--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().contains("Java "), version.all());
        Cli.Run trainHelp = Cli.run("help", "train");
        for (String option : List.of("--layers", "--activation", "--loss", "--optimizer", "--lr", "--epochs",
                "--batch", "--seed", "--validation", "--early-stopping", "--scale", "--output", "--plots",
                "--no-progress", "--csv", "--label-column", "--data-dir", "--test-fraction")) {
            assertTrue(trainHelp.out().contains(option), option + "\n" + trainHelp.all());
        }
    }

    @Test
    void missingFilesFailWithExitOneAndSayWhy(@TempDir Path dir) {
        Cli.Run model = Cli.run("evaluate", "--model", dir.resolve("none.mlp").toString());
        assertEquals(1, model.exitCode(), model.all());
        assertTrue(model.err().startsWith("mlp evaluate: error: no such file: "), model.all());
        assertFalse(model.err().contains("Exception"), model.all());
        assertFalse(model.err().contains("Usage"), model.all());

        Cli.Run fashion = Cli.run("train", "--data-dir", dir.resolve("fashion").toString(),
                "--output", dir.resolve("m.mlp").toString());
        assertEquals(1, fashion.exitCode(), fashion.all());
        assertTrue(fashion.err().contains("does not exist"), fashion.all());
        assertTrue(fashion.err().contains("apt-get install dataset-fashion-mnist"), fashion.all());

        Cli.Run csv = Cli.run("train", "--csv", dir.resolve("none.csv").toString());
        assertEquals(1, csv.exitCode(), csv.all());
        assertTrue(csv.err().contains("no such file: "), csv.all());
    }

    @Test
    void aDamagedModelFileIsRefusedWithItsLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.mlp");
        Files.writeString(file, "mlp-model 1\nlayers two\n");
        Cli.Run run = Cli.run("predict", "--model", file.toString(), "--data", "digits");
        assertEquals(1, run.exitCode(), run.all());
        assertTrue(run.err().startsWith("mlp predict: error: "), run.all());
        assertTrue(run.err().contains("line 2"), run.all());
    }
}
