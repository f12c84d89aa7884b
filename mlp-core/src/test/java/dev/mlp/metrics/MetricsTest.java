package dev.mlp.metrics;

import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.MatrixType;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static dev.mlp.testing.Refusals.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Accuracy and regression metrics, by hand and against scikit-learn's values from
 * {@code src/test/resources/golden/metrics/regression_metrics.py}.
 */
class MetricsTest {

    static List<GoldenCases.Case> sklearnRegressionCases() {
        return GoldenCases.load("/golden/metrics/regression_metrics.txt");
    }

    private static DMatrixRMaj matrix(GoldenCases.Case c, String key) {
        int[] shape = c.ints("shape");
        return new DMatrixRMaj(shape[0], shape[1], true, c.doubles(key));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sklearnRegressionCases")
    void regressionMetricsMatchSklearnToTheLastBit(GoldenCases.Case c) {
        DMatrixRMaj yTrue = matrix(c, "y_true");
        DMatrixRMaj yPred = matrix(c, "y_pred");
        assertEquals(c.number("r2"), Metrics.r2(yTrue, yPred), 0.0, "r2");
        assertEquals(c.number("mae"), Metrics.meanAbsoluteError(yTrue, yPred), 0.0, "mae");
        assertEquals(c.number("mse"), Metrics.meanSquaredError(yTrue, yPred), 0.0, "mse");
    }

    @Test
    void accuracyIsTheFractionOfEqualLabels() {
        assertEquals(0.5, Metrics.accuracy(new int[] {0, 1, 2, 3}, new int[] {0, 2, 1, 3}), 0.0);
        assertEquals(1.0, Metrics.accuracy(new int[] {7}, new int[] {7}), 0.0);
        assertEquals(0.0, Metrics.accuracy(new int[] {1, 1}, new int[] {0, 0}), 0.0);
    }

    @Test
    void regressionMetricsByHand() {
        // column 0: errors 1, -1, 0 ; column 1: errors 2, 0, -2
        DMatrixRMaj yTrue = new DMatrixRMaj(new double[][] {{1, 10}, {2, 20}, {3, 30}});
        DMatrixRMaj yPred = new DMatrixRMaj(new double[][] {{2, 12}, {1, 20}, {3, 28}});
        // MAE: (2/3 + 4/3) / 2 = 1
        assertEquals(1.0, Metrics.meanAbsoluteError(yTrue, yPred), 1e-15);
        // MSE: (2/3 + 8/3) / 2 = 5/3
        assertEquals(5.0 / 3, Metrics.meanSquaredError(yTrue, yPred), 1e-15);
        // R2: column 0 1 - 2/2 = 0, column 1 1 - 8/200 = 0.96
        assertEquals(0.48, Metrics.r2(yTrue, yPred), 1e-15);
    }

    @Test
    void simpleMatricesScoreAsTheDMatrixRMajsTheyWrap() {
        DMatrixRMaj yTrue = new DMatrixRMaj(new double[][] {{1, 10}, {2, 20}, {3, 30}});
        DMatrixRMaj yPred = new DMatrixRMaj(new double[][] {{2, 12}, {1, 20}, {3, 28}});
        SimpleMatrix sTrue = SimpleMatrix.wrap(yTrue);
        SimpleMatrix sPred = SimpleMatrix.wrap(yPred);
        assertEquals(Metrics.meanAbsoluteError(yTrue, yPred), Metrics.meanAbsoluteError(sTrue, sPred), 0.0);
        assertEquals(Metrics.meanSquaredError(yTrue, yPred), Metrics.meanSquaredError(sTrue, sPred), 0.0);
        assertEquals(Metrics.r2(yTrue, yPred), Metrics.r2(sTrue, sPred), 0.0);

        SimpleMatrix floats = new SimpleMatrix(3, 2, MatrixType.FDRM);
        assertRefused(() -> Metrics.r2(sTrue, floats), "yPred must be a SimpleMatrix of dense doubles", "got FDRM");
        assertRefused(() -> Metrics.meanAbsoluteError(floats, sPred), "yTrue must be a SimpleMatrix", "got FDRM");
        assertRefused(() -> Metrics.meanSquaredError(sTrue, (SimpleMatrix) null), "yPred must not be null");
    }

    @Test
    void r2IsOneForPerfectPredictionsEvenOfAConstantColumn() {
        DMatrixRMaj y = new DMatrixRMaj(new double[][] {{4, 1}, {4, 2}, {4, 3}});
        assertEquals(1.0, Metrics.r2(y, y.copy()), 0.0);
    }

    @Test
    void r2IsZeroForAMissedConstantColumn() {
        DMatrixRMaj yTrue = new DMatrixRMaj(new double[][] {{4}, {4}, {4}});
        DMatrixRMaj yPred = new DMatrixRMaj(new double[][] {{4}, {5}, {4}});
        assertEquals(0.0, Metrics.r2(yTrue, yPred), 0.0);
    }

    @Test
    void r2OfPredictingTheMeanIsZeroAndWorseIsNegative() {
        DMatrixRMaj yTrue = new DMatrixRMaj(new double[][] {{1}, {2}, {3}});
        assertEquals(0.0, Metrics.r2(yTrue, new DMatrixRMaj(new double[][] {{2}, {2}, {2}})), 0.0);
        // residuals 2, 0, 2 -> 1 - 8/2 = -3
        assertEquals(-3.0, Metrics.r2(yTrue, new DMatrixRMaj(new double[][] {{3}, {2}, {1}})), 0.0);
    }

    @Test
    void accuracyRejectsBadLabelArrays() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.accuracy(new int[] {0, 1}, new int[] {0, 1, 1}));
        assertEquals("yTrue and yPred must have the same length, got 2 and 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(new int[0], new int[0]));
        assertEquals("yTrue and yPred are empty (length 0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(new int[] {-4}, new int[] {0}));
        assertEquals("yTrue has a negative label -4 at index 0; class labels must be >= 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(new int[] {0}, null));
        assertEquals("yPred must not be null", e.getMessage());
    }

    @Test
    void regressionRejectsShapeMismatch() {
        DMatrixRMaj a = new DMatrixRMaj(3, 2);
        DMatrixRMaj b = new DMatrixRMaj(3, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.meanSquaredError(a, b));
        assertEquals("yTrue and yPred must have the same shape, got 3×2 and 3×1", e.getMessage());
    }

    @Test
    void regressionRejectsNonFiniteValues() {
        DMatrixRMaj a = new DMatrixRMaj(new double[][] {{1, 2}, {3, 4}});
        DMatrixRMaj b = new DMatrixRMaj(new double[][] {{1, 2}, {Double.NaN, 4}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.meanAbsoluteError(a, b));
        assertEquals("yPred has a non-finite value NaN at row 1, column 0", e.getMessage());
        b.set(1, 0, 3);
        a.set(0, 1, Double.POSITIVE_INFINITY);
        e = assertThrows(IllegalArgumentException.class, () -> Metrics.r2(a, b));
        assertEquals("yTrue has a non-finite value Infinity at row 0, column 1", e.getMessage());
    }

    @Test
    void regressionRejectsEmptyMatrices() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Metrics.meanAbsoluteError(new DMatrixRMaj(0, 1), new DMatrixRMaj(0, 1)));
        assertEquals("yTrue is empty (0×1)", e.getMessage());
    }

    @Test
    void r2RejectsASingleSample() {
        DMatrixRMaj one = new DMatrixRMaj(new double[][] {{1, 2, 3}});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Metrics.r2(one, one));
        assertEquals("r2 needs at least 2 rows (samples), got yTrue 1×3", e.getMessage());
    }
}
