package dev.mlp.examples;

import dev.mlp.io.ModelIO;
import dev.mlp.io.SavedModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code train --dropout} and {@code --class-weight}: shown, applied, recorded in the model; bad values refused. */
class DropoutAndClassWeightOptionsTest {

    @Test
    void dropoutPerLayerAndBalancedWeightsAreShownAndKeptInTheModel(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("d.mlp");
        Cli.Run run = Cli.run("train", "--layers", "16,8", "--dropout", "0.3,0.1", "--class-weight", "balanced",
                "--epochs", "2", "--batch", "32", "--seed", "2", "--output", model.toString());
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.out().contains("Network: 64-16-8-10 (relu dropout 0.3, relu dropout 0.1, softmax)"), run.out());
        assertTrue(run.out().contains("Training: softmax-ce loss with class weights balanced, adam"), run.out());
        SavedModel saved = ModelIO.load(model);
        assertEquals(0.3, saved.network().layer(0).dropout());
        assertEquals(0.1, saved.network().layer(1).dropout());
        assertEquals(0.0, saved.network().layer(2).dropout());
        assertEquals("0.3,0.1", saved.metadata().get("dropout"));
        assertEquals("balanced", saved.metadata().get("class-weight"));
        Cli.Run evaluate = Cli.run("evaluate", "--model", model.toString());
        assertEquals(0, evaluate.exitCode(), evaluate.all());
        assertTrue(evaluate.out().contains("(relu dropout 0.3, relu dropout 0.1, softmax)"), evaluate.out());
    }

    @Test
    void oneRateAppliesToEveryHiddenLayerAndExplicitWeightsAreTaken(@TempDir Path dir) throws Exception {
        Path model = dir.resolve("e.mlp");
        Cli.Run run = Cli.run("train", "--layers", "16,8", "--dropout", "0.2", "--class-weight",
                "1,1,1,1,1,1,1,1,2,1", "--epochs", "1", "--output", model.toString());
        assertEquals(0, run.exitCode(), run.all());
        assertTrue(run.out().contains("(relu dropout 0.2, relu dropout 0.2, softmax)"), run.out());
        assertTrue(run.out().contains("with class weights [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 1.0]"), run.out());
    }

    private static void refused(String option, String... args) {
        Cli.Run run = Cli.run(args);
        assertEquals(2, run.exitCode(), run.all());
        assertTrue(run.err().lines().findFirst().orElse("").contains(option), run.all());
    }

    @Test
    void badValuesAreRefusedByOption() {
        refused("--dropout", "train", "--dropout", "1");
        refused("--dropout", "train", "--dropout", "-0.1");
        refused("--dropout", "train", "--layers", "16,8", "--dropout", "0.1,0.2,0.3");
        refused("--class-weight", "train", "--class-weight", "balance");
        refused("--class-weight", "train", "--class-weight", "1,-1");
        Cli.Run count = Cli.run("train", "--layers", "4", "--epochs", "1", "--class-weight", "1,2");
        assertEquals(1, count.exitCode(), count.all());
        assertTrue(count.err().contains("2 weights given, but the targets have 10 classes"), count.all());
    }
}
