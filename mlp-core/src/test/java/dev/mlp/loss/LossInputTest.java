package dev.mlp.loss;

import dev.mlp.activation.Identity;
import dev.mlp.testing.AllocationCounting;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.mlp.testing.Refusals.assertRefused;

/**
 * What the losses refuse: null arguments and mismatched shapes on every method (checked on every
 * batch, without allocating), and targets outside the loss' domain ({@link Loss#checkTargets}).
 */
class LossInputTest {

    static List<Loss> losses() {
        return List.of(new MeanSquaredError(), new BinaryCrossEntropy(), new SoftmaxCrossEntropy());
    }


    private static DMatrixRMaj rows(double[]... values) {
        return new DMatrixRMaj(values);
    }

    @ParameterizedTest
    @MethodSource("losses")
    void lossRefusesATargetWithMoreColumnsThanThePrediction(Loss loss) {
        // MSE and BCE returned a number, softmax cross-entropy an ArrayIndexOutOfBoundsException
        assertRefused(() -> loss.loss(new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 3)), "a and target", "2×2", "2×3");
        assertRefused(() -> loss.loss(new DMatrixRMaj(2, 3), new DMatrixRMaj(2, 2)), "a and target", "2×3", "2×2");
        assertRefused(() -> loss.loss(new DMatrixRMaj(3, 2), new DMatrixRMaj(2, 2)), "same shape", "3×2", "2×2");
    }

    @ParameterizedTest
    @MethodSource("losses")
    void gradientAndOutputDeltaRefuseMismatchedShapes(Loss loss) {
        DMatrixRMaj out = new DMatrixRMaj(1, 1);
        assertRefused(() -> loss.gradient(new DMatrixRMaj(2, 2), new DMatrixRMaj(3, 3), out),
                "a and target", "2×2", "3×3");
        assertRefused(() -> loss.outputDelta(new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 4),
                new Identity(), out), "a and target", "2×2", "2×4");
        assertRefused(() -> loss.outputDelta(new DMatrixRMaj(1, 2), new DMatrixRMaj(2, 2), new DMatrixRMaj(2, 2),
                new Identity(), out), "z and a", "1×2", "2×2");
    }

    @ParameterizedTest
    @MethodSource("losses")
    void everyMethodRefusesNullsNamingTheArgument(Loss loss) {
        DMatrixRMaj m = new DMatrixRMaj(2, 2);
        assertRefused(() -> loss.loss(null, m), "a must not be null");
        assertRefused(() -> loss.loss(m, null), "target must not be null");
        assertRefused(() -> loss.gradient(m, m, null), "grad must not be null");
        assertRefused(() -> loss.gradient(null, m, m), "a must not be null");
        assertRefused(() -> loss.outputDelta(null, m, m, new Identity(), m), "z must not be null");
        assertRefused(() -> loss.outputDelta(m, m, m, null, m), "output must not be null");
        assertRefused(() -> loss.outputDelta(m, m, m, new Identity(), null), "delta must not be null");
        assertRefused(() -> loss.checkOutput(null), "output must not be null");
        assertRefused(() -> loss.checkTargets(null, "y"), "y must not be null");
    }

    @ParameterizedTest
    @MethodSource("losses")
    void lossRefusesAnEmptyBatchInsteadOfReturningNaN(Loss loss) {
        assertRefused(() -> loss.loss(new DMatrixRMaj(0, 3), new DMatrixRMaj(0, 3)), "empty", "0×3");
    }

    @Test
    void softmaxCrossEntropyRefusesTargetsOutsideZeroOne() {
        Loss loss = new SoftmaxCrossEntropy();
        assertRefused(() -> loss.checkTargets(rows(new double[] {0, 1}, new double[] {-1, 2}), "y"),
                "y has the value -1.0 at row 1, column 0", "[0, 1]", "softmax_cross_entropy");
        assertRefused(() -> loss.checkTargets(rows(new double[] {0, 2}), "yVal"),
                "yVal has the value 2.0 at row 0, column 1");
    }

    @Test
    void softmaxCrossEntropyRefusesRowsThatDoNotSumToOne() {
        Loss loss = new SoftmaxCrossEntropy();
        assertRefused(() -> loss.checkTargets(rows(new double[] {0, 1, 0}, new double[] {0.5, 0.5, 0.5}), "y"),
                "y row 1 sums to 1.5", "within " + SoftmaxCrossEntropy.ROW_SUM_TOLERANCE);
        assertRefused(() -> loss.checkTargets(rows(new double[] {0, 0}), "y"), "y row 0 sums to 0.0");
    }

    @Test
    void softmaxCrossEntropyAcceptsSmoothedRowsWithinTheTolerance() {
        double[] smoothed = new double[10];
        java.util.Arrays.fill(smoothed, 0.1 / 9);
        smoothed[3] = 0.9 + SoftmaxCrossEntropy.ROW_SUM_TOLERANCE / 2;
        assertDoesNotThrow(() -> new SoftmaxCrossEntropy().checkTargets(rows(smoothed), "y"));
        smoothed[3] = 0.9 + SoftmaxCrossEntropy.ROW_SUM_TOLERANCE * 2;
        assertRefused(() -> new SoftmaxCrossEntropy().checkTargets(rows(smoothed), "y"), "y row 0 sums to 1.00000199");
    }

    @Test
    void binaryCrossEntropyRefusesTargetsOutsideZeroOne() {
        assertRefused(() -> new BinaryCrossEntropy().checkTargets(rows(new double[] {1, 0}, new double[] {0, 3}), "y"),
                "y has the value 3.0 at row 1, column 1", "binary_cross_entropy", "[0, 1]");
        assertDoesNotThrow(() -> new BinaryCrossEntropy().checkTargets(rows(new double[] {1, 0.25, 0}), "y"));
    }

    @ParameterizedTest
    @MethodSource("losses")
    void checkTargetsRefusesANonFiniteTargetNamingRowAndColumn(Loss loss) {
        assertRefused(() -> loss.checkTargets(rows(new double[] {0, 1}, new double[] {Double.NaN, 1}), "y"),
                "y has a non-finite value NaN at row 1, column 0");
    }

    @Test
    void meanSquaredErrorAcceptsAnyFiniteTarget() {
        assertDoesNotThrow(() -> new MeanSquaredError().checkTargets(rows(new double[] {-3, 2e9}), "y"));
    }

    @Test
    void checkingArgumentsAllocatesNothing() {
        com.sun.management.ThreadMXBean threads = AllocationCounting.threadsOrSkip();
        DMatrixRMaj a = new DMatrixRMaj(4, 3);
        DMatrixRMaj y = new DMatrixRMaj(4, 3);
        DMatrixRMaj out = new DMatrixRMaj(4, 3);
        Loss[] all = losses().toArray(new Loss[0]); // indexed below: a list's iterator is an allocation
        Identity identity = new Identity();
        double sink = 0;
        for (int i = 0; i < 20_000; i++) { // warm up, so the measurement sees compiled code
            for (int k = 0; k < all.length; k++) {
                Loss loss = all[k];
                sink += loss.loss(a, y);
                loss.outputDelta(a, a, y, identity, out);
                loss.gradient(a, y, out);
            }
        }
        long before = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
        int calls = 10_000;
        for (int i = 0; i < calls; i++) {
            for (int k = 0; k < all.length; k++) {
                Loss loss = all[k];
                sink += loss.loss(a, y);
                loss.outputDelta(a, a, y, identity, out);
                loss.gradient(a, y, out);
            }
        }
        long allocated = threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
        assertTrue(allocated < calls, allocated + " bytes allocated over " + calls + " rounds (" + sink + ")");
    }
}
