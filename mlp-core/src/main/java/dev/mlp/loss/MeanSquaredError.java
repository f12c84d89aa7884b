package dev.mlp.loss;

import dev.mlp.activation.Activation;
import dev.mlp.activation.Softmax;
import org.ejml.data.DMatrixRMaj;

/**
 * Mean squared error over all entries, the blog's loss:
 * L = 1/(n·k) Σ (a - y)², so dL/da = 2 (a - y) / (n·k).
 *
 * <p>Refuses a softmax output unless built with {@link #allowingSoftmax()}: squared error on
 * probabilities that must sum to one learns slowly, and is nearly always a mistake.
 */
public final class MeanSquaredError implements Loss {

    private final boolean allowSoftmax;

    public MeanSquaredError() {
        this(false);
    }

    private MeanSquaredError(boolean allowSoftmax) {
        this.allowSoftmax = allowSoftmax;
    }

    /** An MSE that also accepts a softmax output, for users who ask for that pairing on purpose. */
    public static MeanSquaredError allowingSoftmax() {
        return new MeanSquaredError(true);
    }

    @Override
    public String name() {
        return "mse";
    }

    @Override
    public double loss(DMatrixRMaj a, DMatrixRMaj target) {
        int n = a.getNumElements();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double d = a.data[i] - target.data[i];
            sum += d * d;
        }
        return sum / n;
    }

    @Override
    public void gradient(DMatrixRMaj a, DMatrixRMaj target, DMatrixRMaj grad) {
        Losses.scaledDifference(a, target, 2.0 / a.getNumElements(), grad);
    }

    @Override
    public void checkOutput(Activation output) {
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
