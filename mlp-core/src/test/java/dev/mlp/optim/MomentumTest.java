package dev.mlp.optim;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static dev.mlp.optim.OptimTesting.assertStep;
import static dev.mlp.optim.OptimTesting.twoSteps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Momentum against the two-step fixture of {@link OptimTesting}, worked by hand with μ = 0.9, η = 0.1. */
class MomentumTest {

    @Test
    void classicalMomentumMatchesHandComputedSteps() {
        DMatrixRMaj[][] after = twoSteps(new Momentum(0.9), new boolean[]{true, false});
        // step 1: v = g = [0.5, -1.0 | 2.0]; θ -= 0.1 v
        assertStep(after[0], 1.0 - 0.1 * 0.5, -2.0 - 0.1 * -1.0, 0.5 - 0.1 * 2.0, "step 1"); // [0.95, -1.9 | 0.3]
        // step 2: v = 0.9 v + g = [0.45 + 1.0, -0.9 + 0.5 | 1.8 - 1.0] = [1.45, -0.4 | 0.8]; θ -= 0.1 v
        assertStep(after[1], 0.95 - 0.1 * 1.45, -1.9 - 0.1 * -0.4, 0.3 - 0.1 * 0.8, "step 2"); // [0.805, -1.86 | 0.22]
    }

    @Test
    void nesterovMomentumMatchesHandComputedSteps() {
        DMatrixRMaj[][] after = twoSteps(Momentum.nesterov(0.9), new boolean[]{true, false});
        // step 1: v = g; θ -= 0.1 (g + 0.9 v) = 0.1 · 1.9 g
        assertStep(after[0], 1.0 - 0.1 * 1.9 * 0.5, -2.0 - 0.1 * 1.9 * -1.0, 0.5 - 0.1 * 1.9 * 2.0,
                "step 1"); // [0.905, -1.81 | 0.12]
        // step 2: v = [1.45, -0.4 | 0.8] as above; g + 0.9 v = [1.0 + 1.305, 0.5 - 0.36 | -1.0 + 0.72]
        assertStep(after[1], 0.905 - 0.1 * 2.305, -1.81 - 0.1 * 0.14, 0.12 - 0.1 * -0.28,
                "step 2"); // [0.6745, -1.824 | 0.148]
    }

    @Test
    void zeroMomentumIsPlainSgd() {
        DMatrixRMaj[][] momentum = twoSteps(new Momentum(0), new boolean[]{true, false});
        DMatrixRMaj[][] sgd = twoSteps(new Sgd(), new boolean[]{true, false});
        for (int step = 0; step < 2; step++) {
            assertStep(momentum[step], sgd[step][0].get(0), sgd[step][0].get(1), sgd[step][1].get(0), "step " + step);
        }
    }

    @Test
    void defaultsAreMomentumPointNineWithoutNesterov() {
        Momentum defaults = new Momentum();
        assertEquals(0.9, defaults.momentum());
        assertFalse(defaults.nesterov());
        assertTrue(Momentum.nesterov(0.9).nesterov());
        assertEquals(new Momentum(0.9, false), defaults);
    }

    @Test
    void nameAndToStringDistinguishNesterov() {
        assertEquals("momentum", new Momentum().name());
        assertEquals("nesterov", Momentum.nesterov(0.9).name());
        assertEquals("momentum(momentum=0.9)", new Momentum().toString());
        assertEquals("nesterov(momentum=0.95)", Momentum.nesterov(0.95).toString());
    }
}
