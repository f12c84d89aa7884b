package dev.mlp.train;

import dev.mlp.linalg.Backend;
import dev.mlp.loss.Loss;
import dev.mlp.model.Network;
import dev.mlp.random.RandomSource;
import org.ejml.data.DMatrixRMaj;

/**
 * Where the training loop gets a batch's gradients from. {@link TrainingSession} owns the loop
 * (shuffling, batching, regularisation, the optimizer step, listeners, validation, early
 * stopping); a gradient source only turns rows into gradients. The built-in one runs
 * {@link Backprop} on the calling thread; another (several threads, several machines) can serve
 * the same loop by implementing this.
 *
 * <p>Parameters and gradients are in the same order (W₀, b₀, W₁, b₁, …). The parameters are the
 * network's live matrices, which the loop updates in place between calls.
 */
public interface GradientSource {

    /** Makes the gradient source of one training session, once the largest batch is known. */
    @FunctionalInterface
    interface Factory {
        /**
         * {@return a new gradient source for batches of up to {@code maxRows} rows}
         *
         * @param maxRows the largest batch the source will be given, ≥ 1
         */
        GradientSource create(int maxRows);
    }

    /**
     * The built-in source: {@link Backprop} on the calling thread, the one every session uses unless
     * given another. A source that splits a batch over several threads or machines uses it for
     * each part, so that each part's gradient has the same bits as on one machine.
     *
     * @param network the network whose live weights the gradients are for
     * @param maxRows the largest batch, ≥ 1
     * @param loss    the objective, fit for the network's output layer
     * @param rule    how the output error is computed
     * @param backend computes every operation
     * @return a new source owning its own workspace; for one thread
     * @throws IllegalArgumentException for a null argument or maxRows &lt; 1, or a network with
     *                                  dropout (whose masks need a random source: use the form
     *                                  that takes one)
     */
    static GradientSource backprop(Network network, int maxRows, Loss loss, GradientRule rule, Backend backend) {
        return backprop(network, maxRows, loss, rule, backend, null);
    }

    /**
     * The built-in source for a network that may have dropout: its masks are drawn from
     * {@code random}, batch after batch, so the same source and seed draw the same masks.
     *
     * @param network the network whose live weights the gradients are for
     * @param maxRows the largest batch, ≥ 1
     * @param loss    the objective, fit for the network's output layer
     * @param rule    how the output error is computed
     * @param backend computes every operation
     * @param random  draws the dropout masks; may be null when no layer has dropout
     * @return a new source owning its own workspace; for one thread
     * @throws IllegalArgumentException for a null network, loss, rule or backend, maxRows &lt; 1,
     *                                  or a null random source for a network with dropout
     */
    static GradientSource backprop(Network network, int maxRows, Loss loss, GradientRule rule, Backend backend,
                                   RandomSource random) {
        dev.mlp.Checks.requireNonNull(loss, "loss");
        dev.mlp.Checks.requireNonNull(rule, "rule");
        return new BackpropGradients(new Backprop(network, maxRows, backend, random), loss, rule);
    }

    /** {@return W₀, b₀, W₁, b₁, …: the network's live matrices, in the order of {@link #gradientBuffers()}} */
    DMatrixRMaj[] parameters();

    /**
     * {@return for each of {@link #parameters()}: true for weights, false for biases} Weight decay
     * skips biases.
     */
    boolean[] weightDecayMask();

    /** {@return dW₀, db₀, dW₁, db₁, …: written by {@link #gradients}, read and scaled by the loop} */
    DMatrixRMaj[] gradientBuffers();

    /**
     * Loads rows {@code order[from..to)} of x and y as one batch and writes the gradient of its
     * mean loss, at the current parameters, into {@link #gradientBuffers()}. Should allocate nothing
     * after the first call, so that a training step allocates nothing.
     *
     * <p>x and y are null when the session trains on rows the source holds itself
     * ({@link TrainingSession#fitHeldRows}): {@code order[from..to)} then names the source's own
     * rows, numbered 0..rows-1.
     *
     * @param x     all the training inputs, one row per sample, not modified; null when the source
     *              holds its rows
     * @param y     all the training targets, row for row with x, not modified; null as x
     * @param order the epoch's order of the rows of x and y
     * @param from  the batch's first position in {@code order}
     * @param to    one past its last position; to - from ≤ the factory's {@code maxRows}
     * @return the batch's mean loss, measured before any update
     */
    double gradients(DMatrixRMaj x, DMatrixRMaj y, int[] order, int from, int to);

    /**
     * {@return true when {@link #gradients(DMatrixRMaj, DMatrixRMaj, DMatrixRMaj, int[], int, int)}
     * takes row weights} A session with class or sample weights refuses a source that does not,
     * before its first batch.
     */
    default boolean takesRowWeights() {
        return false;
    }

    /**
     * As {@link #gradients(DMatrixRMaj, DMatrixRMaj, int[], int, int)}, for the weighted loss
     * (1/n) Σᵢ wᵢ ℓᵢ of {@link Loss#loss(DMatrixRMaj, DMatrixRMaj, DMatrixRMaj)}.
     *
     * @param x     all the training inputs, not modified
     * @param y     all the training targets, not modified
     * @param w     one weight per row of x (a column), not modified; null for the unweighted loss
     * @param order the epoch's order of the rows
     * @param from  the batch's first position in {@code order}
     * @param to    one past its last position
     * @return the batch's weighted mean loss
     * @throws UnsupportedOperationException for weights, when {@link #takesRowWeights()} is false
     */
    default double gradients(DMatrixRMaj x, DMatrixRMaj y, DMatrixRMaj w, int[] order, int from, int to) {
        if (w != null) {
            throw new UnsupportedOperationException(getClass().getSimpleName() + " takes no row weights");
        }
        return gradients(x, y, order, from, to);
    }

    /** {@return true when every entry of {@link #gradientBuffers()} is finite} */
    boolean gradientsFinite();
}
