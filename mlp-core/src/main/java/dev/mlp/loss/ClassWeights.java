package dev.mlp.loss;

import dev.mlp.Checks;
import org.ejml.data.DMatrixRMaj;

import java.util.Arrays;

/**
 * How much each class counts in the loss: none (every class 1), explicit weights, or
 * {@link #balanced()}, computed from the training targets as scikit-learn's
 * {@code class_weight='balanced'}: w_c = n / (K · n_c), n rows, K classes, n_c rows of class c.
 *
 * <p>Row weights. Training weighs row i by wᵢ = sᵢ · Σ_c y_ic · w_c, its sample weight sᵢ (1
 * unless given) times the weight of its class; for one-hot targets Σ_c y_ic · w_c is the weight
 * of the row's class, for probability rows the expected one. A single output (a sigmoid's classes
 * 0 and 1) has K = 2 and the row's class weight is (1 - y) · w₀ + y · w₁.
 *
 * <p>Normalisation. A weighted batch loss is L = (1/n) Σᵢ wᵢ ℓᵢ, divided by the rows and not by
 * Σᵢ wᵢ (Keras' {@code sample_weight} and {@code class_weight} do the same): then the mean of the
 * batch gradients over an epoch is the gradient of the one objective (1/N) Σᵢ wᵢ ℓᵢ over all N
 * rows, whereas dividing each batch by its own Σ wᵢ weighs a row more in a batch of light rows
 * than in one of heavy rows. Balanced weights average 1 over the training rows, so they leave the
 * scale of the loss, and with it the learning rate, as it was.
 *
 * <p>Immutable.
 */
public final class ClassWeights {

    private static final ClassWeights NONE = new ClassWeights(false, null);
    private static final ClassWeights BALANCED = new ClassWeights(true, null);

    /** How far a target row may sum from 1 and still name one class distribution. */
    private static final double ROW_SUM_TOLERANCE = SoftmaxCrossEntropy.ROW_SUM_TOLERANCE;

    private final boolean balanced;
    private final double[] weights;

    private ClassWeights(boolean balanced, double[] weights) {
        this.balanced = balanced;
        this.weights = weights;
    }

    /** {@return every class weighs 1: the unweighted loss} */
    public static ClassWeights none() {
        return NONE;
    }

    /** {@return weights n / (K · n_c), computed from the targets each {@code fit} trains on} */
    public static ClassWeights balanced() {
        return BALANCED;
    }

    /**
     * {@return these weights, class 0 first}
     *
     * @param weights one per class (two for a single sigmoid output), each finite and ≥ 0, not all 0
     * @throws IllegalArgumentException for null, no weights, a negative or non-finite weight, or all zero
     */
    public static ClassWeights of(double... weights) {
        Checks.requireNonNull(weights, "weights");
        if (weights.length == 0) {
            throw new IllegalArgumentException("class weights: need one weight per class, got none");
        }
        requireRowWeights(weights, weights.length, "class weights");
        return new ClassWeights(false, weights.clone());
    }

    /** {@return true for {@link #none()}: the loss is unweighted} */
    public boolean isNone() {
        return !balanced && weights == null;
    }

    /** {@return true for {@link #balanced()}} */
    public boolean isBalanced() {
        return balanced;
    }

    /**
     * The weight of each class for training on targets y.
     *
     * @param y the training targets, n x k: one-hot or probability rows, or one column in [0, 1]
     * @return K weights, K = k, or 2 when k = 1; all 1 for {@link #none()}; a class without rows
     *         gets 1 under {@link #balanced()} (no training row carries it)
     * @throws IllegalArgumentException if y is null or empty, its rows are not classes, or explicit
     *                                  weights do not number K
     */
    public double[] resolve(DMatrixRMaj y) {
        Checks.requireNonEmpty(y, "y");
        double[] counts = classCounts(y);
        int classes = counts.length;
        double[] w = new double[classes];
        if (weights != null) {
            if (weights.length != classes) {
                throw new IllegalArgumentException("class weights: " + weights.length + " weights given, but the "
                        + "targets have " + classes + " classes" + (y.numCols == 1 ? " (one output: classes 0 and 1)" : ""));
            }
            return weights.clone();
        }
        Arrays.fill(w, 1.0);
        if (balanced) {
            for (int c = 0; c < classes; c++) {
                if (counts[c] > 0) {
                    w[c] = y.numRows / (classes * counts[c]);
                }
            }
        }
        return w;
    }

    /**
     * The weight of each row: wᵢ = sᵢ · Σ_c y_ic · w_c (see the class comment).
     *
     * @param y             n x k targets whose rows are classes
     * @param classWeights  K weights from {@link #resolve}, or null for all 1
     * @param sampleWeights n weights, finite and ≥ 0, or null for all 1
     * @return a new n x 1 matrix
     * @throws IllegalArgumentException if the rows of y are not classes (with class weights), the
     *                                  sample weights do not number n, or one is negative or not finite
     */
    public static DMatrixRMaj rowWeights(DMatrixRMaj y, double[] classWeights, double[] sampleWeights) {
        Checks.requireNonEmpty(y, "y");
        int n = y.numRows;
        DMatrixRMaj w = new DMatrixRMaj(n, 1);
        if (sampleWeights != null) {
            if (sampleWeights.length != n) {
                throw new IllegalArgumentException("sampleWeights has " + sampleWeights.length
                        + " entries, but there are " + n + " rows");
            }
            requireRowWeights(sampleWeights, n, "sampleWeights");
            System.arraycopy(sampleWeights, 0, w.data, 0, n);
        } else {
            Arrays.fill(w.data, 0, n, 1.0);
        }
        if (classWeights != null) {
            classCounts(y);
            int k = y.numCols;
            for (int r = 0; r < n; r++) {
                double cw;
                if (k == 1) {
                    double t = y.data[r];
                    cw = (1 - t) * classWeights[0] + t * classWeights[1];
                } else {
                    cw = 0;
                    for (int c = 0; c < k; c++) {
                        cw += y.data[r * k + c] * classWeights[c];
                    }
                }
                w.data[r] *= cw;
            }
        }
        return w;
    }

    /**
     * Refuses row or class weights that are negative, not finite, or all zero.
     *
     * @param w     the weights; the first {@code count} are checked
     * @param count how many
     * @param name  how the message names them
     * @throws IllegalArgumentException naming the first bad entry
     */
    public static void requireRowWeights(double[] w, int count, String name) {
        boolean positive = false;
        for (int i = 0; i < count; i++) {
            if (!(w[i] >= 0) || !Double.isFinite(w[i])) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + w[i] + "; weights must be finite and >= 0");
            }
            positive |= w[i] > 0;
        }
        if (!positive) {
            throw new IllegalArgumentException(name + ": every weight is 0; at least one must be positive");
        }
    }

    /** Σ_i y_ic per class c (two classes for one column), after checking that each row is a class. */
    private static double[] classCounts(DMatrixRMaj y) {
        int k = y.numCols;
        LossMath.requireProbabilities(y, "y", "class weighting");
        if (k == 1) {
            double ones = 0;
            for (int r = 0; r < y.numRows; r++) {
                ones += y.data[r];
            }
            return new double[] {y.numRows - ones, ones};
        }
        double[] counts = new double[k];
        for (int r = 0; r < y.numRows; r++) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                double v = y.data[r * k + c];
                counts[c] += v;
                sum += v;
            }
            if (!(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE)) {
                throw new IllegalArgumentException("y row " + r + " sums to " + sum + ", but class weighting needs "
                        + "each target row to name one class (one-hot or probability rows summing to 1)");
            }
        }
        return counts;
    }

    @Override
    public String toString() {
        return balanced ? "balanced" : weights == null ? "none" : Arrays.toString(weights);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassWeights other && balanced == other.balanced && Arrays.equals(weights, other.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Boolean.hashCode(balanced) + Arrays.hashCode(weights);
    }
}
