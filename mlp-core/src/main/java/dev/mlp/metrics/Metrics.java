package dev.mlp.metrics;

import dev.mlp.Checks;
import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.simple.SimpleMatrix;

/**
 * Plain metric functions, matching scikit-learn's with their defaults.
 *
 * <p>Classification, for n samples: accuracy = (1/n) Σ<sub>i</sub> [yTrue<sub>i</sub> = yPred<sub>i</sub>].
 *
 * <p>Regression, for n × k matrices (row = sample, column = output), each score is computed per
 * column and then averaged uniformly over the k columns ({@code multioutput='uniform_average'}):
 * <ul>
 *   <li>MAE<sub>j</sub> = (1/n) Σ<sub>i</sub> |y<sub>ij</sub> − ŷ<sub>ij</sub>|;</li>
 *   <li>MSE<sub>j</sub> = (1/n) Σ<sub>i</sub> (y<sub>ij</sub> − ŷ<sub>ij</sub>)²;</li>
 *   <li>R²<sub>j</sub> = 1 − Σ<sub>i</sub> (y<sub>ij</sub> − ŷ<sub>ij</sub>)² / Σ<sub>i</sub> (y<sub>ij</sub> − ȳ<sub>j</sub>)²,
 *       with ȳ<sub>j</sub> the column mean of yTrue; as in scikit-learn, a column predicted exactly
 *       scores 1 and a constant yTrue column predicted inexactly scores 0 (instead of −∞ or NaN).</li>
 * </ul>
 * Sums run in the order numpy uses, so results match scikit-learn to the last bit or within a
 * few ulps.
 *
 * <p>Every function checks its arguments and throws {@link IllegalArgumentException} naming the
 * argument and the value found: arrays must be non-null, non-empty and of the same length, labels
 * non-negative; matrices non-empty, finite and of the same shape.
 */
public final class Metrics {

    private Metrics() {
    }

    /**
     * {@return accuracy = (number of i with yTrue[i] == yPred[i]) / n, as {@code accuracy_score}}
     *
     * @param yTrue the true labels, one per sample
     * @param yPred the predicted labels, as many as {@code yTrue}
     */
    public static double accuracy(int[] yTrue, int[] yPred) {
        Validation.requireLabelPair(yTrue, yPred);
        int correct = 0;
        for (int i = 0; i < yTrue.length; i++) {
            if (yTrue[i] == yPred[i]) {
                correct++;
            }
        }
        return (double) correct / yTrue.length;
    }

    /**
     * {@return MAE = mean over columns of (1/n) Σ |yTrue − yPred|, as {@code mean_absolute_error}}
     *
     * @param yTrue the true values, n × k (row = sample, column = output)
     * @param yPred the predictions, of the same shape
     */
    public static double meanAbsoluteError(DMatrixRMaj yTrue, DMatrixRMaj yPred) {
        Validation.requireValuePair(yTrue, yPred);
        double[] errors = new double[yTrue.getNumElements()];
        for (int i = 0; i < errors.length; i++) {
            errors[i] = Math.abs(yPred.data[i] - yTrue.data[i]);
        }
        return uniformAverage(columnMeans(errors, yTrue.numRows, yTrue.numCols));
    }

    /**
     * {@return MSE = mean over columns of (1/n) Σ (yTrue − yPred)², as {@code mean_squared_error}}
     *
     * @param yTrue the true values, n × k (row = sample, column = output)
     * @param yPred the predictions, of the same shape
     */
    public static double meanSquaredError(DMatrixRMaj yTrue, DMatrixRMaj yPred) {
        Validation.requireValuePair(yTrue, yPred);
        double[] errors = new double[yTrue.getNumElements()];
        for (int i = 0; i < errors.length; i++) {
            double d = yTrue.data[i] - yPred.data[i];
            errors[i] = d * d;
        }
        return uniformAverage(columnMeans(errors, yTrue.numRows, yTrue.numCols));
    }

    /**
     * {@return R² = mean over columns of 1 − SS<sub>res</sub> / SS<sub>tot</sub>, as {@code r2_score}
     * with {@code multioutput='uniform_average'}} SS<sub>res</sub> = Σ (y − ŷ)², SS<sub>tot</sub> =
     * Σ (y − ȳ)². A column with SS<sub>res</sub> = 0 scores 1; one with SS<sub>res</sub> &gt; 0 and
     * SS<sub>tot</sub> = 0 scores 0.
     *
     * @param yTrue the true values, n × k with n ≥ 2 (row = sample, column = output)
     * @param yPred the predictions, of the same shape
     * @throws IllegalArgumentException as the class documents, or if there are fewer than 2 rows
     *         (R² is undefined for a single sample)
     */
    public static double r2(DMatrixRMaj yTrue, DMatrixRMaj yPred) {
        Validation.requireValuePair(yTrue, yPred);
        int n = yTrue.numRows;
        int k = yTrue.numCols;
        if (n < 2) {
            throw new IllegalArgumentException("r2 needs at least 2 rows (samples), got yTrue " + Checks.shape(yTrue));
        }
        double[] residual = new double[n * k];
        for (int i = 0; i < residual.length; i++) {
            double d = yTrue.data[i] - yPred.data[i];
            residual[i] = d * d;
        }
        double[] numerator = columnSums(residual, n, k);
        double[] mean = columnMeans(yTrue.data, n, k);
        double[] spread = new double[n * k];
        for (int i = 0; i < spread.length; i++) {
            double d = yTrue.data[i] - mean[i % k];
            spread[i] = d * d;
        }
        double[] denominator = columnSums(spread, n, k);
        double[] scores = new double[k];
        for (int j = 0; j < k; j++) {
            if (numerator[j] == 0) {
                scores[j] = 1.0;
            } else if (denominator[j] == 0) {
                scores[j] = 0.0;
            } else {
                scores[j] = 1 - numerator[j] / denominator[j];
            }
        }
        return uniformAverage(scores);
    }

    // The SimpleMatrix forms: Checks.requireDDRM unwraps yTrue and yPred (n × k dense doubles,
    // MatrixType.DDRM) without copying, and refuses null and other types by the argument's name.

    /**
     * {@link #meanAbsoluteError(DMatrixRMaj, DMatrixRMaj)} of EJML's {@link SimpleMatrix}, unwrapped, not copied.
     *
     * @param yTrue n × k targets, dense doubles ({@code MatrixType.DDRM})
     * @param yPred n × k predictions, dense doubles
     * @return the score, as the DMatrixRMaj form's
     */
    public static double meanAbsoluteError(SimpleMatrix yTrue, SimpleMatrix yPred) {
        return meanAbsoluteError(Checks.requireDDRM(yTrue, "yTrue"), Checks.requireDDRM(yPred, "yPred"));
    }

    /**
     * {@link #meanSquaredError(DMatrixRMaj, DMatrixRMaj)} of EJML's {@link SimpleMatrix}, unwrapped, not copied.
     *
     * @param yTrue n × k targets, dense doubles ({@code MatrixType.DDRM})
     * @param yPred n × k predictions, dense doubles
     * @return the score, as the DMatrixRMaj form's
     */
    public static double meanSquaredError(SimpleMatrix yTrue, SimpleMatrix yPred) {
        return meanSquaredError(Checks.requireDDRM(yTrue, "yTrue"), Checks.requireDDRM(yPred, "yPred"));
    }

    /**
     * {@link #r2(DMatrixRMaj, DMatrixRMaj)} of EJML's {@link SimpleMatrix}, unwrapped, not copied.
     *
     * @param yTrue n × k targets, dense doubles ({@code MatrixType.DDRM})
     * @param yPred n × k predictions, dense doubles
     * @return the score, as the DMatrixRMaj form's
     */
    public static double r2(SimpleMatrix yTrue, SimpleMatrix yPred) {
        return r2(Checks.requireDDRM(yTrue, "yTrue"), Checks.requireDDRM(yPred, "yPred"));
    }

    private static double uniformAverage(double[] perColumn) {
        return NumpySum.mean(perColumn);
    }

    private static double[] columnMeans(double[] rowMajor, int rows, int cols) {
        double[] sums = columnSums(rowMajor, rows, cols);
        for (int j = 0; j < cols; j++) {
            sums[j] /= rows;
        }
        return sums;
    }

    /**
     * Column sums of a row-major rows × cols array in numpy's order for {@code sum(axis=0)}: a
     * single column is one contiguous vector and is summed pairwise; with several columns numpy
     * adds the rows one after another into the running column totals.
     */
    private static double[] columnSums(double[] rowMajor, int rows, int cols) {
        double[] sums = new double[cols];
        if (cols == 1) {
            sums[0] = NumpySum.sum(Arrays.copyOf(rowMajor, rows));
            return sums;
        }
        System.arraycopy(rowMajor, 0, sums, 0, cols);
        for (int i = 1; i < rows; i++) {
            int offset = i * cols;
            for (int j = 0; j < cols; j++) {
                sums[j] += rowMajor[offset + j];
            }
        }
        return sums;
    }
}
