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

    /** {@return a short name, as used in summaries and saved models ({@code "sgd"})} */
    String name();

    /**
     * {@return a fresh updater with zero state sized from {@code params}}
     *
     * @param params  the parameters it will update (W₀, b₀, W₁, b₁, …), not modified here
     * @param decayed for each parameter, whether decoupled weight decay applies to it (weights
     *                yes, biases no); optimizers without weight decay ignore it
     * @throws IllegalArgumentException if params is null or holds a null, or (with weight decay)
     *                                  decayed is null or of another length
     */
    Updater start(DMatrixRMaj[] params, boolean[] decayed);

    /** The mutable part of an optimizer for one set of parameters. */
    interface Updater {

        /**
         * Moves each parameter against its gradient.
         *
         * <p>Checks, with a few comparisons and no allocation: η finite and ≥ 0 (0 leaves the
         * parameters as they are); params and grads non-null, one non-null entry per parameter
         * given to {@code start}, each of that parameter's shape. It does not scan the gradients
         * for NaN (that would read them once more per batch): the trainer checks them before each
         * step, and stops with a {@code TrainingDivergedException} when one is not finite.
         *
         * @param learningRate the step size η for this batch
         * @param params       the parameters, modified
         * @param grads        dL/dθ for each parameter, same order and shapes; not modified
         * @throws IllegalArgumentException naming the argument and the expected and actual value
         */
        void step(double learningRate, DMatrixRMaj[] params, DMatrixRMaj[] grads);

        /**
         * A copy of the state as one flat array: to checkpoint and resume a long run, or to average
         * the states of updaters on several machines. The layout is the optimizer's own: for Adam
         * and AdamW the step count t, then m and v of W₀, b₀, W₁, …; for momentum the velocities,
         * for RMSProp the mean squares, for SGD nothing. The built-in optimizers' updaters all
         * export and import their state; the default refuses.
         *
         * @return a new array, the same length for every updater started on parameters of the same shapes
         * @throws UnsupportedOperationException if this updater cannot export its state
         */
        default double[] exportState() {
            throw new UnsupportedOperationException(getClass().getName() + " does not export its state");
        }

        /**
         * Replaces the state with {@code state}, as {@link #exportState()} of an updater of the
         * same optimizer, started on parameters of the same shapes, returned it. The next
         * {@link #step} then continues exactly as that updater's would.
         *
         * @param state not modified, and not kept
         * @throws IllegalArgumentException      if state is null or of another length
         * @throws UnsupportedOperationException if this updater cannot import a state
         */
        default void importState(double[] state) {
            throw new UnsupportedOperationException(getClass().getName() + " does not import a state");
        }
    }
}
