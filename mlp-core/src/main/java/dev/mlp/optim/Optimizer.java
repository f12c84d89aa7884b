package dev.mlp.optim;

import org.ejml.data.DMatrixRMaj;

/**
 * A gradient-descent rule, as immutable hyper-parameters. Its per-parameter state (velocities,
 * moments) lives in the {@link Updater} it starts for one set of parameters, never in the layers.
 *
 * <p>Call order: {@link #start} once per training run with the parameter list; then, every batch,
 * {@link Updater#step} with gradients in the same order and shapes.
 */
public interface Optimizer {

    /** A short name, as used in summaries and saved models ({@code "sgd"}). */
    String name();

    /** A fresh updater with zero state sized from {@code params}. */
    Updater start(DMatrixRMaj[] params);

    /** The mutable part of an optimizer for one set of parameters. */
    interface Updater {

        /**
         * Moves each parameter against its gradient.
         *
         * @param learningRate the step size for this batch
         * @param params       the parameters, modified
         * @param grads        dL/dθ for each parameter, same order and shapes; not modified
         */
        void step(double learningRate, DMatrixRMaj[] params, DMatrixRMaj[] grads);
    }
}
