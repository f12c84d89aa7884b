package dev.mlp.loss;

import dev.mlp.activation.Activation;
import dev.mlp.activation.Softmax;
import org.ejml.data.DMatrixRMaj;

/**
 * Mean squared error over all entries, the blog's loss:
 * L = 1/(n·k) Σ (a - y)², so dL/da = 2 (a - y) / (n·k). The sum runs as four interleaved partial
 * sums (entries i ≡ 0, 1, 2, 3 mod 4), added at the end: the value can differ from one running sum
 * in the last bit.
 *
 * <p>Refuses a softmax output unless built with {@link #allowingSoftmax()}: squared error on
 * probabilities that must sum to one learns slowly, and is nearly always a mistake.
 */
public final class MeanSquaredError implements Loss {

    private final boolean allowSoftmax;

    /** An MSE that refuses a softmax output ({@link #checkOutput}). */
    public MeanSquaredError() {
        this(false);
    }

    private MeanSquaredError(boolean allowSoftmax) {
        this.allowSoftmax = allowSoftmax;
    }

    /** {@return an MSE that also accepts a softmax output, for users who ask for that pairing on purpose} */
    public static MeanSquaredError allowingSoftmax() {
        return new MeanSquaredError(true);
    }

    /** {@return whether this MSE accepts a softmax output ({@link #allowingSoftmax()})} */
    public boolean allowsSoftmax() {
        return allowSoftmax;
    }

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public double loss(DMatrixRMaj a, DMatrixRMaj target) {
        LossMath.requirePair(a, target);
        int n = a.getNumElements();
        double[] ad = a.data;
        double[] td = target.data;
        // four partial sums: one running sum waits for each addition before the next (the loss of
        // every small batch is computed, and that chain was a tenth of the blog's batch step)
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double d0 = ad[i] - td[i];
            double d1 = ad[i + 1] - td[i + 1];
            double d2 = ad[i + 2] - td[i + 2];
            double d3 = ad[i + 3] - td[i + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < n; i++) {
            double d = ad[i] - td[i];
            s0 += d * d;
        }
        return ((s0 + s1) + (s2 + s3)) / n;
    }

    /** L = 1/(n·k) Σᵢ wᵢ Σ_c (a_ic - y_ic)². */
    @Override
    public double loss(DMatrixRMaj a, DMatrixRMaj target, DMatrixRMaj weights) {
        return LossMath.weightedSum(a, target, weights, (p, y) -> (p - y) * (p - y)) / a.getNumElements();
    }

    @Override
    public void gradient(DMatrixRMaj a, DMatrixRMaj target, DMatrixRMaj grad) {
        LossMath.requireGradientArguments(a, target, grad);
        LossMath.scaledDifference(a, target, 2.0 / a.getNumElements(), grad);
    }

    @Override
    public void checkOutput(Activation output) {
        Loss.super.checkOutput(output);
        if (output instanceof Softmax && !allowSoftmax) {
            throw new IllegalArgumentException("mse with a softmax output is refused: use SoftmaxCrossEntropy, "
                    + "or MeanSquaredError.allowingSoftmax() if this pairing is intended");
        }
    }

    @Override
    public String toString() {
        return name();
    }
}
