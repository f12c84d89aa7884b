package dev.mlp.optim;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static dev.mlp.optim.OptimTesting.assertStep;
import static dev.mlp.optim.OptimTesting.twoSteps;
import static java.lang.Math.sqrt;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** RMSProp against the two-step fixture of {@link OptimTesting}, by hand with ρ = 0.9, ε = 1e-8, η = 0.1. */
class RmsPropTest {

    private static final double EPS = 1e-8;

    @Test
    void matchesHandComputedSteps() {
        DMatrixRMaj[][] after = twoSteps(new RmsProp(0.9, EPS), new boolean[]{true, false});

        // step 1: s = 0.1 g² = [0.025, 0.1 | 0.4], so g / √s = sign(g) · √10 ≈ ±3.1623
        double sW0 = 0.1 * 0.5 * 0.5;
        double sW1 = 0.1 * 1.0 * 1.0;
        double sB = 0.1 * 2.0 * 2.0;
        double w0 = 1.0 - 0.1 * 0.5 / (sqrt(sW0) + EPS);   // ≈ 0.683772
        double w1 = -2.0 - 0.1 * -1.0 / (sqrt(sW1) + EPS); // ≈ -1.683772
        double b = 0.5 - 0.1 * 2.0 / (sqrt(sB) + EPS);     // ≈ 0.183772
        assertStep(after[0], w0, w1, b, "step 1");

        // step 2: s = 0.9 s + 0.1 g² = [0.0225 + 0.1, 0.09 + 0.025 | 0.36 + 0.1] = [0.1225, 0.115 | 0.46]
        sW0 = 0.9 * sW0 + 0.1 * 1.0 * 1.0;
        sW1 = 0.9 * sW1 + 0.1 * 0.5 * 0.5;
        sB = 0.9 * sB + 0.1 * -1.0 * -1.0;
        assertEquals(0.35, sqrt(sW0), 1e-15);
        w0 -= 0.1 * 1.0 / (0.35 + EPS);           // ≈ 0.398058
        w1 -= 0.1 * 0.5 / (sqrt(sW1) + EPS);      // ≈ -1.831214
        b -= 0.1 * -1.0 / (sqrt(sB) + EPS);       // ≈ 0.331214
        assertStep(after[1], w0, w1, b, "step 2");
    }

    @Test
    void defaultsArePointNineAndOneEMinusEight() {
        assertEquals(new RmsProp(0.9, 1e-8), new RmsProp());
    }

    @Test
    void nameAndToStringShowHyperParameters() {
        assertEquals("rmsprop", new RmsProp().name());
        assertEquals("rmsprop(rho=0.9, epsilon=1.0E-8)", new RmsProp().toString());
    }
}
