package dev.mlp.loss;

import dev.mlp.Checks;
import dev.mlp.activation.Activation;
import org.ejml.data.DMatrixRMaj;

/**
 * A training objective over a batch, with the batch-mean convention (as Keras and PyTorch):
 * the loss of a batch is the mean of its per-sample losses, so the learning rate does not depend
 * on the batch size.
 *
 * <p>Implementations are stateless and thread-safe.
 *
 * <p>Arguments: {@link #loss}, {@link #gradient} and {@link #outputDelta} run on every batch, so
 * they check only what costs a few integer comparisons and allocates nothing: every matrix
 * non-null, {@code a} and {@code target} (and {@code z}) of the same shape with at least one entry.
 * They throw an {@link IllegalArgumentException} naming both shapes ("a and target must have the
 * same shape, got 2×3 and 2×2"). The values of the targets are checked once, at the entry of
 * training, by {@link #checkTargets}; the arithmetic is the same with and without the checks.
 */
public interface Loss {

    /** {@return a short name, as used in summaries and saved models ({@code "mse"})} */
    String name();

    /**
     * The mean loss of predictions {@code a} (n x k, after the output activation) against targets.
     *
     * @param a      predictions, not modified
     * @param target targets of the same shape, not modified
     * @return L, a mean over the batch (each implementation gives its formula)
     * @throws IllegalArgumentException if either is null, they differ in shape, or they are empty
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
     * @throws IllegalArgumentException if an argument is null, z, a and target differ in shape, or
     *                                  they are empty
     */
    default void outputDelta(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj target, Activation output, DMatrixRMaj delta) {
        LossMath.requireDeltaArguments(z, a, target, output, delta);
        gradient(a, target, delta);
        output.backward(z, a, delta);
    }

    /**
     * dL/da for the batch, written into {@code grad} (reshaped to a's shape): the gradient of
     * {@link #loss}, so it carries the same 1/n (or 1/(n·k)) factor.
     *
     * @param a      predictions, n x k, not modified
     * @param target targets of the same shape, not modified
     * @param grad   output, reshaped to n x k; modified
     * @throws IllegalArgumentException if an argument is null, a and target differ in shape, or they
     *                                  are empty
     */
    void gradient(DMatrixRMaj a, DMatrixRMaj target, DMatrixRMaj grad);

    /**
     * The weighted mean loss L = (1/n) Σᵢ wᵢ ℓᵢ, where ℓᵢ is row i's loss as {@link #loss} averages
     * it: divided by the rows n, not by Σ wᵢ (see {@link ClassWeights} for why). With every
     * wᵢ = 1 it equals {@link #loss} up to rounding.
     *
     * <p>The default refuses: a loss must say how it splits into rows. The built-in ones override it.
     *
     * @param a       predictions, n x k, not modified
     * @param target  targets of the same shape, not modified
     * @param weights n x 1 row weights, not modified (checked at the entry of training)
     * @return the weighted mean loss
     * @throws IllegalArgumentException if an argument is null, the shapes differ or are empty
     * @throws UnsupportedOperationException for a loss that does not implement it
     */
    default double loss(DMatrixRMaj a, DMatrixRMaj target, DMatrixRMaj weights) {
        throw new UnsupportedOperationException(name() + " does not compute a weighted loss");
    }

    /**
     * δᴸ of the weighted loss: row i of the unweighted {@link #outputDelta} times wᵢ. Exact for
     * every loss of the batch-mean form (1/n) Σᵢ ℓᵢ with row-wise activations, which is how
     * {@link #loss} is defined.
     *
     * @param z       output pre-activations, not modified
     * @param a       output activations f(z), not modified
     * @param target  targets, not modified
     * @param weights n x 1 row weights, not modified
     * @param output  the output layer's activation f
     * @param delta   output, reshaped to n x k; modified
     * @throws IllegalArgumentException as {@link #outputDelta}, and for weights of another row count
     */
    default void outputDelta(DMatrixRMaj z, DMatrixRMaj a, DMatrixRMaj target, DMatrixRMaj weights,
                             Activation output, DMatrixRMaj delta) {
        outputDelta(z, a, target, output, delta);
        LossMath.scaleRows(delta, weights);
    }

    /**
     * Refuses an output activation this loss is not meant for, with a message naming both.
     * Called once when a network is paired with a loss, never in the training loop.
     *
     * @param output the network's output activation
     * @throws IllegalArgumentException if the pairing is invalid, or output is null
     */
    default void checkOutput(Activation output) {
        Checks.requireNonNull(output, "output");
    }

    /**
     * Refuses targets this loss cannot learn from, with a message naming the argument, the row, the
     * column and the value. Called once at the entry of training, for the training and the
     * validation targets, and of {@code Backprop.gradients}; never per batch (it reads every entry).
     *
     * <p>The default accepts any finite value (regression targets). {@link BinaryCrossEntropy} needs
     * every entry in [0, 1]; {@link SoftmaxCrossEntropy} also needs each row to sum to 1 within
     * {@link SoftmaxCrossEntropy#ROW_SUM_TOLERANCE}.
     *
     * @param y    the targets, n x k, not modified
     * @param name how the message names y ({@code "y"}, {@code "yVal"})
     * @throws IllegalArgumentException if y is null, holds a non-finite value, or a value this loss
     *                                  does not accept
     */
    default void checkTargets(DMatrixRMaj y, String name) {
        Checks.requireFinite(y, name);
    }
}
