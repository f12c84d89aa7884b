package dev.mlp.optim;

import org.ejml.data.DMatrixRMaj;

/**
 * Hyper-parameter checks and updater plumbing shared by the optimizers in this package. The checks
 * throw {@link IllegalArgumentException} naming the hyper-parameter and the rejected value; they run
 * in constructors and in {@code start}, while {@link #requireStep} runs in {@code step} and
 * allocates nothing unless it throws.
 */
final class OptimizerSupport {

    private OptimizerSupport() {
    }

    /** Requires {@code 0 ≤ value < 1} (so NaN and infinities are rejected too). */
    static void requireFraction(double value, String name) {
        if (!(value >= 0 && value < 1)) {
            throw new IllegalArgumentException(name + " must be in [0, 1), got " + value);
        }
    }

    /** Requires a finite {@code value > 0}. */
    static void requirePositiveFinite(double value, String name) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and > 0, got " + value);
        }
    }

    /** Requires a finite {@code value ≥ 0}. */
    static void requireNonNegativeFinite(double value, String name) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite and >= 0, got " + value);
        }
    }

    /** Requires a non-null array of non-null parameters. */
    static void requireParams(DMatrixRMaj[] params) {
        if (params == null) {
            throw new IllegalArgumentException("params must not be null");
        }
        for (int i = 0; i < params.length; i++) {
            if (params[i] == null) {
                throw new IllegalArgumentException("params[" + i + "] must not be null");
            }
        }
    }

    /** One zeroed matrix shaped like each parameter (exact-size backing arrays). */
    static DMatrixRMaj[] zerosLike(DMatrixRMaj[] params) {
        requireParams(params);
        DMatrixRMaj[] zeros = new DMatrixRMaj[params.length];
        for (int i = 0; i < params.length; i++) {
            zeros[i] = new DMatrixRMaj(params[i].numRows, params[i].numCols);
        }
        return zeros;
    }

    /** A private copy of the weight-decay mask, which must have one entry per parameter. */
    static boolean[] copyMask(boolean[] decayed, DMatrixRMaj[] params) {
        if (decayed == null) {
            throw new IllegalArgumentException("decayed must not be null");
        }
        if (decayed.length != params.length) {
            throw new IllegalArgumentException("decayed must have one entry per parameter (" + params.length
                    + "), got " + decayed.length);
        }
        return decayed.clone();
    }

    /**
     * The check of every step: a finite learning rate ≥ 0; non-null {@code params} and {@code grads}
     * with one non-null entry per matrix of {@code state}, each of its shape (the shapes the updater
     * was started with). A few comparisons per parameter; allocation-free unless it throws.
     */
    static void requireStep(double learningRate, DMatrixRMaj[] state, DMatrixRMaj[] params, DMatrixRMaj[] grads) {
        if (!(learningRate >= 0) || learningRate == Double.POSITIVE_INFINITY || params == null || grads == null
                || params.length != state.length || grads.length != state.length) {
            throw refusedStep(learningRate, state, params, grads);
        }
        for (int i = 0; i < state.length; i++) {
            DMatrixRMaj s = state[i];
            DMatrixRMaj p = params[i];
            DMatrixRMaj g = grads[i];
            if (p == null || g == null || p.numRows != s.numRows || p.numCols != s.numCols
                    || g.numRows != s.numRows || g.numCols != s.numCols) {
                throw refusedParameter(i, s, p, g);
            }
        }
    }

    /** Why {@link #requireStep} refuses its arguments; kept out of it so that the check stays small. */
    private static IllegalArgumentException refusedStep(double learningRate, DMatrixRMaj[] state, DMatrixRMaj[] params,
                                                        DMatrixRMaj[] grads) {
        if (!(learningRate >= 0) || learningRate == Double.POSITIVE_INFINITY) {
            return new IllegalArgumentException("learningRate must be finite and >= 0, got " + learningRate);
        }
        if (params == null || grads == null) {
            return new IllegalArgumentException((params == null ? "params" : "grads") + " must not be null");
        }
        return new IllegalArgumentException("the updater was started with " + state.length
                + " parameters, got " + params.length + " parameters and " + grads.length + " gradients");
    }

    /** Why {@link #requireStep} refuses parameter {@code i}. */
    private static IllegalArgumentException refusedParameter(int i, DMatrixRMaj s, DMatrixRMaj p, DMatrixRMaj g) {
        if (p == null || g == null) {
            return new IllegalArgumentException((p == null ? "params" : "grads") + "[" + i + "] must not be null");
        }
        return new IllegalArgumentException("parameter " + i + " was started as " + s.numRows + "×"
                + s.numCols + ", got parameter " + p.numRows + "×" + p.numCols + " and gradient "
                + g.numRows + "×" + g.numCols);
    }

    /** The optimizer state as one flat array: the {@code head} values, then each matrix of each group in turn. */
    static double[] exportState(double[] head, DMatrixRMaj[]... groups) {
        int n = head.length;
        for (DMatrixRMaj[] group : groups) {
            for (DMatrixRMaj m : group) {
                n += m.getNumElements();
            }
        }
        double[] state = new double[n];
        System.arraycopy(head, 0, state, 0, head.length);
        int at = head.length;
        for (DMatrixRMaj[] group : groups) {
            for (DMatrixRMaj m : group) {
                System.arraycopy(m.data, 0, state, at, m.getNumElements());
                at += m.getNumElements();
            }
        }
        return state;
    }

    /**
     * Copies a state made by {@link #exportState} back into the groups' matrices, after checking
     * its length; the caller reads the {@code headLength} head values itself.
     */
    static void importState(double[] state, int headLength, DMatrixRMaj[]... groups) {
        if (state == null) {
            throw new IllegalArgumentException("state must not be null");
        }
        int n = headLength;
        for (DMatrixRMaj[] group : groups) {
            for (DMatrixRMaj m : group) {
                n += m.getNumElements();
            }
        }
        if (state.length != n) {
            throw new IllegalArgumentException("state has " + state.length + " values, this updater's has " + n);
        }
        int at = headLength;
        for (DMatrixRMaj[] group : groups) {
            for (DMatrixRMaj m : group) {
                System.arraycopy(state, at, m.data, 0, m.getNumElements());
                at += m.getNumElements();
            }
        }
    }
}
