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
 * amount (about 708) rather than infinity. Targets are one-hot rows or any probability rows.
 */
public final class SoftmaxCrossEntropy implements Loss {

    private static final double TINY = Double.MIN_NORMAL;

    @Override
    public String name() {
        return "softmax_cross_entropy";
    }

    @Override
    public double loss(DMatrixRMaj a, DMatrixRMaj target) {
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

    @Override
    public void outputDelta(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj target, Activation output, DMatrixRMaj delta) {
        LossMath.scaledDifference(a, target, 1.0 / a.numRows, delta);
    }

    /** dL/dp = -y / (n p); only used outside the fused path (for example by gradient checks). */
    @Override
    public void gradient(DMatrixRMaj a, DMatrixRMaj target, DMatrixRMaj grad) {
        grad.reshape(a.numRows, a.numCols);
        int n = a.getNumElements();
        double scale = -1.0 / a.numRows;
        for (int i = 0; i < n; i++) {
            grad.data[i] = scale * target.data[i] / Math.max(a.data[i], TINY);
        }
    }

    @Override
    public void checkOutput(Activation output) {
        if (!(output instanceof Softmax)) {
            throw new IllegalArgumentException("softmax_cross_entropy needs a softmax output layer, got "
                    + output.name() + " (for sigmoid outputs use BinaryCrossEntropy)");
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
