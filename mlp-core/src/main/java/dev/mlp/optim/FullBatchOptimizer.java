package dev.mlp.optim;

import org.ejml.data.DMatrixRMaj;

/**
 * An optimizer that minimises the objective over all training rows at once, evaluating it as often
 * as its line search needs, instead of stepping along one batch's gradient: {@link Lbfgs}.
 *
 * <p>Call order: {@link #startMinimizer} once per training run with the parameter list; then, each
 * iteration, {@link Minimizer#iterate} with an {@link Objective} that evaluates f(θ) and ∇f(θ) at
 * the parameters' current values. The minimizer writes each trial point into the parameters
 * itself, and leaves them at the accepted point. Minimizers allocate their state in
 * {@code startMinimizer} and nothing in {@code iterate}.
 *
 * <p>{@link #start} (the per-batch {@link Optimizer.Updater}) is refused: one batch's gradient
 * is not what a line search can work with. {@code TrainingSession} drives a full-batch optimizer
 * one iteration per epoch.
 */
public interface FullBatchOptimizer extends Optimizer {

    /**
     * {@return a fresh minimizer, with no point and no curvature history yet, sized from
     * {@code params}}
     *
     * @param params the parameters it will move (W₀, b₀, W₁, b₁, …); only their shapes are read
     * @throws IllegalArgumentException if params is null or holds a null
     */
    Minimizer startMinimizer(DMatrixRMaj[] params);

    /**
     * Refused: a full-batch optimizer needs the objective, not one batch's gradient.
     *
     * @throws UnsupportedOperationException always
     */
    @Override
    default Updater start(DMatrixRMaj[] params, boolean[] decayed) {
        throw new UnsupportedOperationException(name() + " is a full-batch optimizer: it evaluates the objective "
                + "over all rows as its line search needs, so it has no per-batch step; use startMinimizer");
    }

    /** f(θ) and ∇f(θ) at the current values of the parameters the minimizer moves. */
    @FunctionalInterface
    interface Objective {
        /**
         * Evaluates the objective at the parameters' current values and writes its gradient into
         * the gradient matrices given to {@link Minimizer#iterate}, in the parameters' order and
         * shapes.
         *
         * @return f(θ); NaN or an infinity when f or ∇f is not finite at this point, which a line
         *         search treats as a step too long
         */
        double evaluate();
    }

    /** What one {@link Minimizer#iterate} did. */
    enum Status {
        /** The parameters moved to a point with a lower objective. */
        MOVED,
        /** A tolerance is met: the gradient is small enough, or the last step barely lowered f. */
        CONVERGED,
        /**
         * No step along the steepest descent could lower f: it is at a minimum to the precision
         * of the arithmetic. The parameters are where the iteration started.
         */
        STALLED,
        /**
         * f is not finite at the starting point, or at every point the line search tried. The
         * parameters are where the iteration started.
         */
        DIVERGED
    }

    /** The mutable part of a full-batch optimizer for one set of parameters. */
    interface Minimizer {

        /**
         * One iteration: a direction, a line search along it, the parameters moved to the accepted
         * point. The first iteration (and the first after {@link #restart()}) evaluates the
         * objective at the parameters first. Checks the shapes with a few comparisons; allocates
         * nothing.
         *
         * @param objective evaluates f and writes ∇f into {@code grads}
         * @param params    the parameters, modified: at the accepted point after the call
         * @param grads     where the objective writes ∇f; same order and shapes as params
         * @return what the iteration did
         * @throws IllegalArgumentException if params or grads do not match the started shapes
         */
        Status iterate(Objective objective, DMatrixRMaj[] params, DMatrixRMaj[] grads);

        /** {@return f at the parameters after the last iteration (NaN before the first)} */
        double value();

        /** {@return the step length the last iteration's line search accepted (0 when it did not move)} */
        double stepLength();

        /** {@return how many times the last iteration evaluated the objective} */
        int evaluations();

        /**
         * Forgets the current point and the curvature history: the next iteration starts afresh
         * from the parameters' values then, as it must when the objective or the parameters changed
         * in between (new data, weights restored by early stopping).
         */
        void restart();
    }
}
