package dev.mlp.optim;

import org.ejml.data.DMatrixRMaj;

/**
 * A gradient-descent rule, as immutable hyper-parameters. Its per-parameter state (velocities,
 * moments, step count) lives in the {@link Updater} it starts for one set of parameters, never in
 * the layers, so the same optimizer value can configure many training runs.
 *
 * <p>Call order: {@link #start} once per training run with the parameter list; then, every batch,
 * {@link Updater#step} with gradients in the same order and shapes. Updaters allocate their state
 * in {@code start} and nothing in {@code step}.
 */
public interface Optimizer {

    /** A short name, as used in summaries and saved models ({@code "sgd"}). */
    String name();

    /**
     * A fresh updater with zero state sized from {@code params}.
     *
     * @param params  the parameters it will update (W₀, b₀, W₁, b₁, …), not modified here
     * @param decayed for each parameter, whether decoupled weight decay applies to it (weights
     *                yes, biases no); optimizers without weight decay ignore it
     */
    Updater start(DMatrixRMaj[] params, boolean[] decayed);

    /** The mutable part of an optimizer for one set of parameters. */
    interface Updater {

        /**
         * Moves each parameter against its gradient.
         *
         * @param learningRate the step size η for this batch
         * @param params       the parameters, modified
         * @param grads        dL/dθ for each parameter, same order and shapes; not modified
         */
        void step(double learningRate, DMatrixRMaj[] params, DMatrixRMaj[] grads);
    }
}
