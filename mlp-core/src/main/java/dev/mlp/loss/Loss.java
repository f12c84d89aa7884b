package dev.mlp.loss;

import dev.mlp.activation.Activation;
import org.ejml.data.DMatrixRMaj;

/**
 * A training objective over a batch, with the batch-mean convention (as Keras and PyTorch):
 * the loss of a batch is the mean of its per-sample losses, so the learning rate does not depend
 * on the batch size.
 *
 * <p>Implementations are stateless and thread-safe.
 */
public interface Loss {

    /** A short name, as used in summaries and saved models ({@code "mse"}). */
    String name();

    /**
     * The mean loss of predictions {@code a} (n x k, after the output activation) against targets.
     *
     * @param a      predictions, not modified
     * @param target targets of the same shape, not modified
     */
    double loss(DMatrixRMaj a, DMatrixRMaj target);

    /**
     * The output layer's error δᴸ = dL/dzᴸ for the batch.
     *
     * <p>The default computes dL/da and pushes it through {@code output.backward}; fused losses
     * override it with their closed form (P - Y for softmax with cross-entropy).
     *
     * @param z      output pre-activations, not modified
     * @param a      output activations f(z), not modified
     * @param target targets, not modified
     * @param output the output layer's activation f
     * @param delta  output, reshaped to n x k; modified
     */
    default void outputDelta(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj target, Activation output, DMatrixRMaj delta) {
        gradient(a, target, delta);
        output.backward(z, a, delta);
    }

    /**
     * dL/da for the batch, written into {@code grad} (reshaped to a's shape).
     */
    void gradient(DMatrixRMaj a, DMatrixRMaj target, DMatrixRMaj grad);

    /**
     * Refuses an output activation this loss is not meant for, with a message naming both.
     * Called once when a network is paired with a loss, never in the training loop.
     *
     * @throws IllegalArgumentException if the pairing is invalid
     */
    default void checkOutput(Activation output) {
    }
}
