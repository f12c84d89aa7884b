package dev.mlp.train;

import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Softmax;
import dev.mlp.loss.BinaryCrossEntropy;
import dev.mlp.loss.Loss;
import dev.mlp.loss.MeanSquaredError;
import dev.mlp.loss.SoftmaxCrossEntropy;
import dev.mlp.model.Network;
import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static dev.mlp.testing.Refusals.assertRefused;

/**
 * What the public {@link Backprop#gradients(DMatrixRMaj, DMatrixRMaj, Loss, GradientRule)} refuses,
 * and what the trainer refuses of targets: each with an {@link IllegalArgumentException} naming the
 * argument and the shape or the position and value.
 */
class BackpropInputTest {

    private static Network network(int out, dev.mlp.activation.Activation output) {
        return Network.of(new int[] {4, 3, out}, List.of(new ReLU(), output), new NumpyRandom(7));
    }

    private static DMatrixRMaj x(int rows) {
        DMatrixRMaj x = new DMatrixRMaj(rows, 4);
        for (int i = 0; i < x.getNumElements(); i++) {
            x.data[i] = (i % 7) * 0.25 - 0.5;
        }
        return x;
    }

    private static DMatrixRMaj oneHot(int rows, int classes) {
        DMatrixRMaj y = new DMatrixRMaj(rows, classes);
        for (int r = 0; r < rows; r++) {
            y.set(r, r % classes, 1);
        }
        return y;
    }


    private final Network net = network(3, new Softmax());
    private final Backprop backprop = new Backprop(net, 8);
    private final Loss loss = new SoftmaxCrossEntropy();

    @Test
    void gradientsRefuseEachNullArgumentByName() {
        DMatrixRMaj x = x(5);
        DMatrixRMaj y = oneHot(5, 3);
        assertRefused(() -> backprop.gradients(null, y, loss, GradientRule.EXACT), "x must not be null");
        assertRefused(() -> backprop.gradients(x, null, loss, GradientRule.EXACT), "y must not be null");
        assertRefused(() -> backprop.gradients(x, y, null, GradientRule.EXACT), "loss must not be null");
        // a null rule used to be taken as EXACT
        assertRefused(() -> backprop.gradients(x, y, loss, null), "rule must not be null");
    }

    @Test
    void gradientsRefuseANaNFeatureNamingRowAndColumn() {
        DMatrixRMaj x = x(5);
        x.set(3, 2, Double.NaN);
        assertRefused(() -> backprop.gradients(x, oneHot(5, 3), loss, GradientRule.EXACT),
                "x has a non-finite value NaN at row 3, column 2");
    }

    @Test
    void gradientsRefuseEmptyAndOversizedBatchesNamingTheShape() {
        assertRefused(() -> backprop.gradients(new DMatrixRMaj(0, 4), new DMatrixRMaj(0, 3), loss, GradientRule.EXACT),
                "x is empty", "0×4");
        assertRefused(() -> backprop.gradients(x(9), oneHot(9, 3), loss, GradientRule.EXACT),
                "x has 9 rows", "9×4", "at most 8");
    }

    @Test
    void gradientsRefuseTargetsTheLossCannotLearnFrom() {
        DMatrixRMaj y = oneHot(5, 3);
        y.set(2, 1, 2.0);
        assertRefused(() -> backprop.gradients(x(5), y, loss, GradientRule.EXACT),
                "y has the value 2.0 at row 2, column 1", "softmax_cross_entropy");
    }

    @Test
    void gradientsRefuseALossThatDoesNotFitTheOutputLayer() {
        assertRefused(() -> backprop.gradients(x(5), oneHot(5, 3), new BinaryCrossEntropy(), GradientRule.EXACT),
                "binary_cross_entropy needs a sigmoid output layer", "softmax");
    }

    @Test
    void refusedBatchLeavesTheGradientBuffersAsTheyWere() {
        DMatrixRMaj x = x(5);
        DMatrixRMaj y = oneHot(5, 3);
        double loss1 = backprop.gradients(x, y, loss, GradientRule.EXACT);
        double[] before = backprop.gradientBuffers()[0].data.clone();
        DMatrixRMaj bad = x(5);
        bad.set(0, 0, Double.POSITIVE_INFINITY);
        assertRefused(() -> backprop.gradients(bad, y, loss, GradientRule.EXACT), "x", "Infinity");
        assertArrayEquals(before, backprop.gradientBuffers()[0].data);
        assertEquals(loss1, backprop.gradients(x, y, loss, GradientRule.EXACT));
    }

    @Test
    void trainingRefusesSoftmaxTargetsOutsideZeroOne() {
        Trainer trainer = new Trainer(TrainingConfig.builder().loss(loss).batchSize(2).epochs(1).build());
        DMatrixRMaj y = oneHot(6, 3);
        y.set(4, 0, -1.0);
        assertRefused(() -> trainer.fit(net, new NumpyRandom(3), x(6), y), "y has the value -1.0 at row 4, column 0", "[0, 1]");
    }

    @Test
    void trainingRefusesValidationTargetsThatAreNotDistributions() {
        Trainer trainer = new Trainer(TrainingConfig.builder().loss(loss).batchSize(2).epochs(1).build());
        DMatrixRMaj yVal = oneHot(3, 3);
        yVal.set(1, 2, 1.0); // row 1 is now {0, 1, 1}
        assertRefused(() -> trainer.fit(net, new NumpyRandom(3), x(6), oneHot(6, 3), x(3), yVal), "yVal row 1 sums to 2.0");
    }

    @Test
    void trainingRefusesBinaryTargetsAboveOne() {
        Network sigmoid = network(2, new Sigmoid());
        Trainer trainer = new Trainer(TrainingConfig.builder().loss(new BinaryCrossEntropy()).batchSize(2).epochs(1).build());
        DMatrixRMaj y = new DMatrixRMaj(6, 2);
        y.set(5, 1, 3.0);
        assertRefused(() -> trainer.fit(sigmoid, new NumpyRandom(3), x(6), y), "y has the value 3.0 at row 5, column 1",
                "binary_cross_entropy");
    }

    @Test
    void meanSquaredErrorStillTrainsOnAnyFiniteTargets() {
        Network sigmoid = network(2, new Sigmoid());
        DMatrixRMaj y = new DMatrixRMaj(6, 2);
        y.set(0, 0, 3.0);
        y.set(1, 1, -2.0);
        Trainer trainer = new Trainer(TrainingConfig.builder().loss(new MeanSquaredError()).batchSize(2).epochs(1).build());
        assertEquals(1, trainer.fit(sigmoid, new NumpyRandom(3), x(6), y).epochs().size());
    }
}
