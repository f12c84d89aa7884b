package dev.mlp.loss;

import dev.mlp.activation.Activation;
import dev.mlp.activation.Sigmoid;
import org.ejml.data.DMatrixRMaj;

/**
 * Binary cross-entropy fused with a sigmoid output, for binary and multi-label targets in {0, 1}
 * (or probabilities in [0, 1], as {@link #checkTargets} requires): L = -1/(n·k) Σ [y log p + (1 - y) log(1 - p)], and on the logits
 * δᴸ = dL/dz = (P - Y) / (n·k). Probabilities are clamped away from 0 and 1 by
 * {@link Double#MIN_NORMAL} so the loss stays finite.
 */
public final class BinaryCrossEntropy implements Loss {

    /** Creates the loss; it holds no state, so one instance may serve many trainings. */
    public BinaryCrossEntropy() {
    }

    private static final double TINY = Double.MIN_NORMAL;

    @Override
    public String name() {
        return "binary_cross_entropy";
    }

    @Override
    public double loss(DMatrixRMaj a, DMatrixRMaj target) {
        LossMath.requirePair(a, target);
        int n = a.getNumElements();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double p = a.data[i];
            double y = target.data[i];
            sum -= y * Math.log(Math.max(p, TINY)) + (1 - y) * Math.log(Math.max(1 - p, TINY));
        }
        return sum / n;
    }

    /** L = -1/(n·k) Σᵢ wᵢ Σ_c [y log p + (1 - y) log(1 - p)]. */
    @Override
    public double loss(DMatrixRMaj a, DMatrixRMaj target, DMatrixRMaj weights) {
        return -LossMath.weightedSum(a, target, weights,
                (p, y) -> y * Math.log(Math.max(p, TINY)) + (1 - y) * Math.log(Math.max(1 - p, TINY))) / a.getNumElements();
    }

    @Override
    public void outputDelta(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj target, Activation output, DMatrixRMaj delta) {
        LossMath.requireDeltaArguments(z, a, target, output, delta);
        LossMath.scaledDifference(a, target, 1.0 / a.getNumElements(), delta);
    }

    /** dL/dp = (p - y) / (p (1 - p) n k); only used outside the fused path. */
    @Override
    public void gradient(DMatrixRMaj a, DMatrixRMaj target, DMatrixRMaj grad) {
        LossMath.requireGradientArguments(a, target, grad);
        grad.reshape(a.numRows, a.numCols);
        int n = a.getNumElements();
        for (int i = 0; i < n; i++) {
            double p = a.data[i];
            grad.data[i] = (p - target.data[i]) / Math.max(p * (1 - p), TINY) / n;
        }
    }

    @Override
    public void checkOutput(Activation output) {
        Loss.super.checkOutput(output);
        if (!(output instanceof Sigmoid)) {
            throw new IllegalArgumentException("binary_cross_entropy needs a sigmoid output layer, got "
                    + output.name() + " (for softmax outputs use SoftmaxCrossEntropy)");
        }
    }

    /**
     * Requires every target in [0, 1] (labels 0 and 1, or probabilities): a target of 3 would
     * train towards a probability above 1 without a word.
     *
     * @throws IllegalArgumentException naming the row, the column and the value of the first entry
     *                                  outside [0, 1] (or non-finite), or if y is null
     */
    @Override
    public void checkTargets(DMatrixRMaj y, String name) {
        LossMath.requireProbabilities(y, name, name());
    }

    @Override
    public String toString() {
        return name();
    }
}
