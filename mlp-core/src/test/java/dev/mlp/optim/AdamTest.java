package dev.mlp.optim;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static dev.mlp.optim.OptimTesting.assertStep;
import static dev.mlp.optim.OptimTesting.twoSteps;
import static java.lang.Math.sqrt;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Adam against the two-step fixture of {@link OptimTesting}, by hand with β₁ = 0.9, β₂ = 0.999,
 * ε = 1e-8, η = 0.1.
 */
class AdamTest {

    private static final double EPS = 1e-8;

    /**
     * Expected {W[0], W[1], b} after step 1 and step 2, worked out without the code under test.
     * Step 1: m = 0.1 g, v = 0.001 g², and the bias corrections 1 - 0.9 = 0.1 and 1 - 0.999 = 0.001
     * undo those factors, so m̂ = g, v̂ = g² and θ moves by η g / (|g| + ε) ≈ η sign(g).
     * Step 2: corrections 1 - 0.81 = 0.19 and 1 - 0.998001 = 0.001999.
     */
    static double[][] handComputed() {
        double[] g1 = {0.5, -1.0, 2.0};
        double[] g2 = {1.0, 0.5, -1.0};
        double[] start = {1.0, -2.0, 0.5};
        double[][] expected = new double[2][3];
        for (int i = 0; i < 3; i++) {
            double step1 = start[i] - 0.1 * g1[i] / (Math.abs(g1[i]) + EPS);
            double m = 0.9 * (0.1 * g1[i]) + 0.1 * g2[i];                       // 0.09 g1 + 0.1 g2
            double v = 0.999 * (0.001 * g1[i] * g1[i]) + 0.001 * g2[i] * g2[i]; // 0.000999 g1² + 0.001 g2²
            double mHat = m / 0.19;
            double vHat = v / 0.001999;
            expected[0][i] = step1;
            expected[1][i] = step1 - 0.1 * mHat / (sqrt(vHat) + EPS);
        }
        return expected;
    }

    @Test
    void matchesHandComputedSteps() {
        DMatrixRMaj[][] after = twoSteps(new Adam(0.9, 0.999, EPS), new boolean[]{true, false});
        double[][] expected = handComputed();
        // step 1 ≈ [0.9, -1.9 | 0.4]
        assertStep(after[0], expected[0][0], expected[0][1], expected[0][2], "step 1");
        // step 2: W[0]: m = 0.145, v = 0.00124975, m̂ ≈ 0.763158, v̂ ≈ 0.625188, θ ≈ 0.9 - 0.096518
        assertEquals(0.8034818006, expected[1][0], 1e-10);
        assertEquals(-1.8733662974, expected[1][1], 1e-10);
        assertEquals(0.3733662967, expected[1][2], 1e-10);
        assertStep(after[1], expected[1][0], expected[1][1], expected[1][2], "step 2");
    }

    @Test
    void ignoresTheWeightDecayMask() {
        DMatrixRMaj[][] decayed = twoSteps(new Adam(), new boolean[]{true, true});
        DMatrixRMaj[][] notDecayed = twoSteps(new Adam(), new boolean[]{false, false});
        DMatrixRMaj[][] noMask = twoSteps(new Adam(), null);
        assertStep(decayed[1], notDecayed[1][0].get(0), notDecayed[1][0].get(1), notDecayed[1][1].get(0), "mask");
        assertStep(noMask[1], notDecayed[1][0].get(0), notDecayed[1][0].get(1), notDecayed[1][1].get(0), "null");
    }

    @Test
    void defaultsArePyTorchs() {
        assertEquals(new Adam(0.9, 0.999, 1e-8), new Adam());
    }

    @Test
    void nameAndToStringShowHyperParameters() {
        assertEquals("adam", new Adam().name());
        assertEquals("adam(beta1=0.9, beta2=0.999, epsilon=1.0E-8)", new Adam().toString());
    }
}
