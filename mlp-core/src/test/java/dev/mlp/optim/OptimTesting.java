package dev.mlp.optim;

import org.ejml.data.DMatrixRMaj;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The two-step fixture the per-optimizer tests compute by hand: a 1×2 weight W and a 1×1 bias b,
 * learning rate η = 0.1, and a known gradient each step.
 * <pre>
 *   start:   W = [1.0, -2.0]   b = [0.5]
 *   step 1:  gW = [0.5, -1.0]  gb = [2.0]
 *   step 2:  gW = [1.0,  0.5]  gb = [-1.0]
 * </pre>
 */
final class OptimTesting {

    static final double LEARNING_RATE = 0.1;
    static final double TOLERANCE = 1e-12;

    private OptimTesting() {
    }

    static DMatrixRMaj row(double... values) {
        return new DMatrixRMaj(1, values.length, true, values);
    }

    /** Parameters {W, b} after each of the two fixture steps: {@code [step][param]}. */
    static DMatrixRMaj[][] twoSteps(Optimizer optimizer, boolean[] decayed) {
        DMatrixRMaj[] params = {row(1.0, -2.0), row(0.5)};
        Optimizer.Updater updater = optimizer.start(params, decayed);
        DMatrixRMaj[][] after = new DMatrixRMaj[2][];
        updater.step(LEARNING_RATE, params, new DMatrixRMaj[]{row(0.5, -1.0), row(2.0)});
        after[0] = new DMatrixRMaj[]{params[0].copy(), params[1].copy()};
        updater.step(LEARNING_RATE, params, new DMatrixRMaj[]{row(1.0, 0.5), row(-1.0)});
        after[1] = new DMatrixRMaj[]{params[0].copy(), params[1].copy()};
        return after;
    }

    /** Asserts W = [w0, w1] and b = [b] after one step. */
    static void assertStep(DMatrixRMaj[] actual, double w0, double w1, double b, String step) {
        assertEquals(w0, actual[0].get(0, 0), TOLERANCE, step + ": W[0]");
        assertEquals(w1, actual[0].get(0, 1), TOLERANCE, step + ": W[1]");
        assertEquals(b, actual[1].get(0, 0), TOLERANCE, step + ": b");
    }
}
