package dev.mlp.loss;

import dev.mlp.random.NumpyRandom;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Class weights, row weights and the weighted value of every loss. */
class ClassWeightsTest {

    private static DMatrixRMaj oneHot(int classes, int... labels) {
        DMatrixRMaj y = new DMatrixRMaj(labels.length, classes);
        for (int r = 0; r < labels.length; r++) {
            y.set(r, labels[r], 1);
        }
        return y;
    }

    /** scikit-learn's compute_class_weight('balanced'): n / (K · bincount); here 10 / (3 · [6, 3, 1]). */
    @Test
    void balancedWeightsAreScikitLearns() {
        DMatrixRMaj y = oneHot(3, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2);
        assertArrayEquals(new double[] {10.0 / 18, 10.0 / 9, 10.0 / 3}, ClassWeights.balanced().resolve(y), 1e-15);
        // one sigmoid output: classes 0 and 1, counted from the column
        DMatrixRMaj binary = new DMatrixRMaj(new double[][] {{1}, {0}, {0}, {0}});
        assertArrayEquals(new double[] {4.0 / 6, 4.0 / 2}, ClassWeights.balanced().resolve(binary), 1e-15);
        // balanced weights average 1 over the rows they were computed from
        DMatrixRMaj w = ClassWeights.rowWeights(y, ClassWeights.balanced().resolve(y), null);
        double sum = 0;
        for (int r = 0; r < 10; r++) {
            sum += w.get(r, 0);
        }
        assertEquals(10, sum, 1e-12);
        // a class without training rows is weighed 1
        assertArrayEquals(new double[] {0.5, 1.0, 1.0}, ClassWeights.balanced().resolve(oneHot(3, 0, 0, 1)), 1e-15);
        assertArrayEquals(new double[] {1, 1, 1}, ClassWeights.none().resolve(y), 0.0);
    }

    @Test
    void rowWeightsAreSampleWeightTimesClassWeight() {
        DMatrixRMaj y = oneHot(2, 0, 1, 1);
        DMatrixRMaj w = ClassWeights.rowWeights(y, new double[] {2, 5}, new double[] {1, 0.5, 3});
        assertArrayEquals(new double[] {2, 2.5, 15}, w.data, 0.0);
        DMatrixRMaj soft = new DMatrixRMaj(new double[][] {{0.25, 0.75}});
        assertArrayEquals(new double[] {0.25 * 2 + 0.75 * 5}, ClassWeights.rowWeights(soft, new double[] {2, 5}, null).data, 0.0);
        DMatrixRMaj binary = new DMatrixRMaj(new double[][] {{1}, {0}});
        assertArrayEquals(new double[] {5, 2}, ClassWeights.rowWeights(binary, new double[] {2, 5}, null).data, 0.0);
    }

    @Test
    void badWeightsAreRefusedByName() {
        IllegalArgumentException count = assertThrows(IllegalArgumentException.class,
                () -> ClassWeights.of(1, 2).resolve(oneHot(3, 0, 1, 2)));
        assertTrue(count.getMessage().contains("2 weights given, but the targets have 3 classes"), count.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class, () -> ClassWeights.of(1, -2));
        assertTrue(negative.getMessage().contains("class weights[1] is -2.0"), negative.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.of(0, 0));
        assertThrows(IllegalArgumentException.class, () -> ClassWeights.of(1, Double.NaN));
        IllegalArgumentException regression = assertThrows(IllegalArgumentException.class,
                () -> ClassWeights.balanced().resolve(new DMatrixRMaj(new double[][] {{3.5}, {-1}})));
        assertTrue(regression.getMessage().contains("class weighting needs targets in [0, 1]"), regression.getMessage());
        IllegalArgumentException multiLabel = assertThrows(IllegalArgumentException.class,
                () -> ClassWeights.balanced().resolve(new DMatrixRMaj(new double[][] {{1, 1}})));
        assertTrue(multiLabel.getMessage().contains("row 0 sums to 2.0"), multiLabel.getMessage());
        IllegalArgumentException samples = assertThrows(IllegalArgumentException.class,
                () -> ClassWeights.rowWeights(oneHot(2, 0, 1), null, new double[] {1}));
        assertTrue(samples.getMessage().contains("sampleWeights has 1 entries, but there are 2 rows"), samples.getMessage());
    }

    record Case(Loss loss, boolean probabilities) {
        @Override
        public String toString() {
            return loss.name();
        }
    }

    static Stream<Case> losses() {
        return Stream.of(new Case(new MeanSquaredError(), false), new Case(new BinaryCrossEntropy(), false),
                new Case(new SoftmaxCrossEntropy(), true));
    }

    private static DMatrixRMaj predictions(int rows, int cols, boolean rowsSumToOne, NumpyRandom random) {
        DMatrixRMaj a = new DMatrixRMaj(rows, cols);
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                a.set(r, c, 0.05 + 0.9 * random.nextDouble());
                sum += a.get(r, c);
            }
            for (int c = 0; c < cols && rowsSumToOne; c++) {
                a.set(r, c, a.get(r, c) / sum);
            }
        }
        return a;
    }

    /**
     * Integer weights count a row that many times, divided by the rows n (not Σ w): so n · L_w
     * equals n' · L of the rows repeated, n' = Σ w. Unit weights give the unweighted loss.
     */
    @ParameterizedTest
    @MethodSource("losses")
    void integerWeightsRepeatRowsAndUnitWeightsChangeNothing(Case c) {
        NumpyRandom random = new NumpyRandom(8);
        DMatrixRMaj a = predictions(4, 3, c.probabilities(), random);
        DMatrixRMaj y = oneHot(3, 0, 2, 1, 2);
        int[] times = {2, 0, 1, 3};
        DMatrixRMaj w = new DMatrixRMaj(4, 1);
        int repeated = 0;
        for (int r = 0; r < 4; r++) {
            w.set(r, 0, times[r]);
            repeated += times[r];
        }
        DMatrixRMaj aRep = new DMatrixRMaj(repeated, 3);
        DMatrixRMaj yRep = new DMatrixRMaj(repeated, 3);
        int k = 0;
        for (int r = 0; r < 4; r++) {
            for (int t = 0; t < times[r]; t++, k++) {
                for (int col = 0; col < 3; col++) {
                    aRep.set(k, col, a.get(r, col));
                    yRep.set(k, col, y.get(r, col));
                }
            }
        }
        assertEquals(repeated * c.loss().loss(aRep, yRep), 4 * c.loss().loss(a, y, w), 1e-12);
        DMatrixRMaj ones = new DMatrixRMaj(4, 1);
        ones.fill(1);
        assertEquals(c.loss().loss(a, y), c.loss().loss(a, y, ones), 1e-14);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> c.loss().loss(a, y, new DMatrixRMaj(3, 1)));
        assertTrue(shape.getMessage().contains("weights must be 4x1"), shape.getMessage());
    }
}
