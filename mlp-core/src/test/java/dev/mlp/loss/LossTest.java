package dev.mlp.loss;

import dev.mlp.activation.Identity;
import dev.mlp.activation.ReLU;
import dev.mlp.activation.Sigmoid;
import dev.mlp.activation.Softmax;
import dev.mlp.linalg.Backend;
import dev.mlp.linalg.Backends;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loss values computed by hand, the fused gradients, and the pairings each loss refuses. */
class LossTest {

    /** The backend the activations compute with (the default path's; all give the same bits). */
    private static final Backend BACKEND = Backends.byName("blocked", 1);

    private static final DMatrixRMaj P = new DMatrixRMaj(new double[][] {{0.7, 0.2, 0.1}, {0.25, 0.25, 0.5}});
    private static final DMatrixRMaj Y = new DMatrixRMaj(new double[][] {{1, 0, 0}, {0, 0, 1}});

    @Test
    void meanSquaredErrorIsTheMeanOverAllEntries() {
        double expected = (0.09 + 0.04 + 0.01 + 0.0625 + 0.0625 + 0.25) / 6;
        assertEquals(expected, new MeanSquaredError().loss(P, Y), 1e-15);
        DMatrixRMaj g = new DMatrixRMaj(1, 1);
        new MeanSquaredError().gradient(P, Y, g);
        assertEquals(2 * (0.7 - 1) / 6, g.get(0, 0), 1e-15);
        assertEquals(2 * (0.5 - 1) / 6, g.get(1, 2), 1e-15);
    }

    @Test
    void softmaxCrossEntropyIsMinusTheMeanLogOfTheTrueClass() {
        double expected = -(Math.log(0.7) + Math.log(0.5)) / 2;
        assertEquals(expected, new SoftmaxCrossEntropy().loss(P, Y), 1e-15);
        DMatrixRMaj delta = new DMatrixRMaj(1, 1);
        // the fused delta does not read z, which only needs the shape of P
        new SoftmaxCrossEntropy().outputDelta(new DMatrixRMaj(2, 3), P, Y, new Softmax(), delta);
        assertArrayEquals(new double[] {-0.15, 0.1, 0.05, 0.125, 0.125, -0.25}, delta.data, 1e-15);
    }

    @Test
    void softmaxCrossEntropyStaysFiniteForAConfidentWrongAnswer() {
        DMatrixRMaj p = new DMatrixRMaj(new double[][] {{1, 0}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{0, 1}});
        double loss = new SoftmaxCrossEntropy().loss(p, y);
        assertTrue(Double.isFinite(loss) && loss > 700, "loss " + loss);
    }

    @Test
    void softmaxIsStableForHugeLogits() {
        DMatrixRMaj z = new DMatrixRMaj(new double[][] {{1000, 999, -1000}});
        DMatrixRMaj a = new DMatrixRMaj(1, 3);
        new Softmax().forward(z, a, BACKEND);
        double e = Math.exp(-1);
        assertEquals(1 / (1 + e), a.get(0, 0), 1e-15);
        assertEquals(e / (1 + e), a.get(0, 1), 1e-15);
        assertEquals(0, a.get(0, 2), 1e-300);
    }

    @Test
    void binaryCrossEntropyAveragesOverAllEntries() {
        DMatrixRMaj p = new DMatrixRMaj(new double[][] {{0.9, 0.2}});
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{1, 0}});
        assertEquals(-(Math.log(0.9) + Math.log(0.8)) / 2, new BinaryCrossEntropy().loss(p, y), 1e-15);
        DMatrixRMaj delta = new DMatrixRMaj(1, 1);
        new BinaryCrossEntropy().outputDelta(new DMatrixRMaj(1, 2), p, y, new Sigmoid(), delta);
        assertArrayEquals(new double[] {-0.05, 0.1}, delta.data, 1e-15);
    }

    @Test
    void invalidPairingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().checkOutput(new Softmax()));
        assertDoesNotThrow(() -> MeanSquaredError.allowingSoftmax().checkOutput(new Softmax()));
        assertDoesNotThrow(() -> new MeanSquaredError().checkOutput(new Sigmoid()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxCrossEntropy().checkOutput(new Sigmoid()));
        assertTrue(e.getMessage().contains("sigmoid"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxCrossEntropy().checkOutput(new ReLU()));
        assertThrows(IllegalArgumentException.class, () -> new BinaryCrossEntropy().checkOutput(new Softmax()));
        assertThrows(IllegalArgumentException.class, () -> new BinaryCrossEntropy().checkOutput(new Identity()));
    }
}
