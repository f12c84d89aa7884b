package dev.mlp.io;

import dev.mlp.activation.Identity;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.loss.MeanSquaredError;
import dev.mlp.model.InputScaling;
import dev.mlp.model.Network;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

import static dev.mlp.io.ModelFixtures.body;
import static dev.mlp.io.ModelFixtures.bytes;
import static dev.mlp.io.ModelFixtures.lineOf;
import static dev.mlp.io.ModelFixtures.network;
import static dev.mlp.io.ModelFixtures.read;
import static dev.mlp.io.ModelFixtures.text;
import static dev.mlp.io.ModelFixtures.withChecksum;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Format version 2: input names, class names and a target scaling are kept by the file; version 1
 * files still load, without them; bad names are refused at their line.
 */
class ModelNamesTest {

    private static SavedModel regression() {
        Network net = network(new int[] {3, 4, 1}, List.of(new ReLU(), new Identity()), 2);
        return new SavedModel(net, new MeanSquaredError(), new InputScaling(new double[] {1, 2, 3}, new double[] {2, 2, 2}),
                null).withTargetScaling(new InputScaling(new double[] {22.5}, new double[] {9.2}))
                .withInputNames(List.of("CRIM", "RM \"rooms\"", "é\nline"));
    }

    @Test
    void namesAndTheTargetScalingRoundTrip() throws IOException {
        SavedModel model = regression();
        SavedModel loaded = read(bytes(model));
        assertEquals(model.inputNames(), loaded.inputNames());
        assertEquals(model.targetScaling(), loaded.targetScaling());
        assertTrue(loaded.classNames().isEmpty());
        assertArrayEquals(bytes(model), bytes(loaded), "a loaded model saves to the same bytes");
        assertTrue(text(model).contains("input \"RM \\\"rooms\\\"\"\ninput \"é\\nline\"\n"), text(model));
    }

    @Test
    void predictionsComeBackInTheTargetsUnits() {
        SavedModel model = regression();
        DMatrixRMaj x = ModelFixtures.randomInput(5, 3, 7);
        DMatrixRMaj scaled = new SavedModel(model.network(), null, model.scaling(), null).predict(x);
        DMatrixRMaj y = model.predict(x);
        for (int r = 0; r < 5; r++) {
            assertEquals(scaled.get(r, 0) * 9.2 + 22.5, y.get(r, 0), 0.0);
        }
    }

    @Test
    void aVersionOneFileLoadsWithoutNames() throws IOException {
        String v1 = withChecksum(String.join("\n", "mlp-model 1", "layers 1", "loss none", "scaling none", "metadata 0",
                "layer 0 2 1 sigmoid", "weights 0.5 -1.0", "bias 0.25", ""));
        SavedModel loaded = read(v1);
        assertTrue(loaded.inputNames().isEmpty());
        assertTrue(loaded.classNames().isEmpty());
        assertNull(loaded.targetScaling());
        assertTrue(text(loaded).startsWith("mlp-model 3\n"), "saving upgrades it");
    }

    @Test
    void classNamesFitTheOutputs() throws IOException {
        Network binary = network(new int[] {2, 1}, List.of(new Sigmoid()), 1);
        SavedModel model = SavedModel.of(binary).withClassNames(List.of("benign", "malignant"));
        assertEquals(List.of("benign", "malignant"), read(bytes(model)).classNames());
        assertThrows(IllegalArgumentException.class, () -> SavedModel.of(binary).withClassNames(List.of("a", "b", "c")));
        Network three = network(new int[] {2, 3}, List.of(new Sigmoid()), 1);
        assertThrows(IllegalArgumentException.class, () -> SavedModel.of(three).withClassNames(List.of("a", "b")));
        assertThrows(IllegalArgumentException.class, () -> SavedModel.of(three).withClassNames(List.of("a", "b", "a")));
        assertThrows(IllegalArgumentException.class, () -> SavedModel.of(three).withInputNames(List.of("x", "")));
        assertThrows(IllegalArgumentException.class, () -> SavedModel.of(three).withInputNames(List.of("x")));
        assertThrows(IllegalArgumentException.class, () -> SavedModel.of(three).withInputNames(Arrays.asList("x", null)));
        assertThrows(IllegalArgumentException.class,
                () -> SavedModel.of(three).withTargetScaling(new InputScaling(new double[1], new double[] {1})));
    }

    @Test
    void badNameSectionsAreRefusedAtTheirLine() throws IOException {
        String file = body(text(regression()));
        assertRefused(file.replace("input-names 3", "input-names 2").replace("input \"é\\nline\"\n", ""),
                "input-names ", "names 2 inputs but layer 0 takes 3");
        // the third name repeats the first: refused on the third name's line, just before class-names
        assertRefused(file.replace("input \"é\\nline\"", "input \"CRIM\""), "class-names ", -1,
                "input name 3 \"CRIM\" repeats input name 1");
        assertRefused(file.replace("input \"CRIM\"", "input \"\""), "input \"\"", "input name 1 is empty");
        assertRefused(file.replace("input \"CRIM\"", "input CRIM"), "input CRIM", "expected input name 1 of 3");
        assertRefused(file.replace("class-names none", "class-names 3\nclass \"a\"\nclass \"b\"\nclass \"c\""),
                "class-names ", "names 3 classes but the last layer tells 2 apart");
        assertRefused(file.replace("target-scaling 1", "target-scaling 2").replace("offset 22.5", "offset 22.5 1.0")
                .replace("scale 9.2", "scale 9.2 1.0"), "target-scaling ", "target scaling has 2 columns");
        assertRefused(file.replace("scale 9.2", "scale 0.0"), "scale 0.0", "scale 1 of the target scaling is 0");
    }

    private static void assertRefused(String body, String linePrefix, String fragment) {
        assertRefused(body, linePrefix, 0, fragment);
    }

    /** Refused on the line {@code offset} lines after the first starting with {@code linePrefix}. */
    private static void assertRefused(String body, String linePrefix, int offset, String fragment) {
        String file = withChecksum(body);
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> read(file));
        assertEquals(lineOf(file, linePrefix) + offset, e.lineNumber(), e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
