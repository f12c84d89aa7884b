package dev.mlp.loss;

import dev.mlp.activation.Activation;
import dev.mlp.activation.Softmax;
import org.ejml.data.DMatrixRMaj;

/**
 * Categorical cross-entropy fused with a softmax output:
 * L = -1/n Σ_rows Σ_i y_i log p_i, and on the logits δᴸ = dL/dz = (P - Y) / n.
 *
 * <p>The softmax itself subtracts the row maximum, so P is computed without overflow; the loss
 * clamps p at {@link Double#MIN_NORMAL} so that a confident wrong answer costs a large finite
 * amount (about 708) rather than infinity. Targets are one-hot rows or any probability rows
 * ({@link #checkTargets} refuses anything else).
 */
public final class SoftmaxCrossEntropy implements Loss {

    /** Creates the loss; it holds no state, so one instance may serve many trainings. */
    public SoftmaxCrossEntropy() {
    }

    private static final double TINY = Double.MIN_NORMAL;

    /**
     * How far a target row's sum may be from 1 ({@value}): rows of probabilities computed in double
     * precision (label smoothing, soft labels) sum to 1 within a few units in the last place, while
     * the rounding of single-precision probabilities stays well inside it for rows of up to a few
     * hundred classes.
     */
    public static final double ROW_SUM_TOLERANCE = 1e-6;

    @Override
    public String name() {
        return "softmax_cross_entropy";
    }

    @Override
    public double loss(DMatrixRMaj a, DMatrixRMaj target) {
        LossMath.requirePair(a, target);
        int n = a.getNumElements();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double y = target.data[i];
            if (y != 0) {
                sum -= y * Math.log(Math.max(a.data[i], TINY));
            }
        }
        return sum / a.numRows;
    }

    /** L = -1/n Σᵢ wᵢ Σ_c y_ic log p_ic. */
    @Override
    public double loss(DMatrixRMaj a, DMatrixRMaj target, DMatrixRMaj weights) {
        return -LossMath.weightedSum(a, target, weights, (p, y) -> y == 0 ? 0 : y * Math.log(Math.max(p, TINY)))
                / a.numRows;
    }

    @Override
    public void outputDelta(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj target, Activation output, DMatrixRMaj delta) {
        LossMath.requireDeltaArguments(z, a, target, output, delta);
        LossMath.scaledDifference(a, target, 1.0 / a.numRows, delta);
    }

    /** dL/dp = -y / (n p); only used outside the fused path (for example by gradient checks). */
    @Override
    public void gradient(DMatrixRMaj a, DMatrixRMaj target, DMatrixRMaj grad) {
        LossMath.requireGradientArguments(a, target, grad);
        grad.reshape(a.numRows, a.numCols);
        int n = a.getNumElements();
        double scale = -1.0 / a.numRows;
        for (int i = 0; i < n; i++) {
            grad.data[i] = scale * target.data[i] / Math.max(a.data[i], TINY);
        }
    }

    @Override
    public void checkOutput(Activation output) {
        Loss.super.checkOutput(output);
        if (!(output instanceof Softmax)) {
            throw new IllegalArgumentException("softmax_cross_entropy needs a softmax output layer, got "
                    + output.name() + " (for sigmoid outputs use BinaryCrossEntropy)");
        }
    }

    /**
     * Requires every target in [0, 1] and each row to sum to 1 within {@link #ROW_SUM_TOLERANCE}:
     * the fused delta P - Y is the gradient only for rows that are probability distributions.
     *
     * @throws IllegalArgumentException naming the row, the column and the value of the first entry
     *                                  outside [0, 1] (or non-finite), or the first row and its sum,
     *                                  or if y is null
     */
    @Override
    public void checkTargets(DMatrixRMaj y, String name) {
        LossMath.requireProbabilities(y, name, name());
        int cols = y.numCols;
        for (int r = 0; r < y.numRows; r++) {
            double sum = 0;
            for (int c = 0; c < cols; c++) {
                sum += y.data[r * cols + c];
            }
            if (!(Math.abs(sum - 1) <= ROW_SUM_TOLERANCE)) {
                throw new IllegalArgumentException(name + " row " + r + " sums to " + sum + ", but " + name()
                        + " needs each target row to sum to 1 (within " + ROW_SUM_TOLERANCE + ")");
            }
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
