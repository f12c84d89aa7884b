package dev.mlp.optim;

import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;

import static dev.mlp.optim.OptimTesting.assertStep;
import static dev.mlp.optim.OptimTesting.row;
import static dev.mlp.optim.OptimTesting.twoSteps;
import static java.lang.Math.sqrt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AdamW against the two-step fixture of {@link OptimTesting}, by hand with β₁ = 0.9, β₂ = 0.999,
 * ε = 1e-8, λ = 0.1, η = 0.1; W is decayed and b is not, so each step first scales W by
 * 1 - ηλ = 0.99 and leaves b alone, then takes the Adam step.
 */
class AdamWTest {

    private static final double EPS = 1e-8;

    @Test
    void matchesHandComputedStepsAndLeavesTheBiasUndecayed() {
        DMatrixRMaj[][] after = twoSteps(new AdamW(0.9, 0.999, EPS, 0.1), new boolean[]{true, false});

        // step 1: decay W to [0.99, -1.98]; Adam's first step moves by η g / (|g| + ε) ≈ 0.1 sign(g)
        double w0 = 1.0 * 0.99 - 0.1 * 0.5 / (0.5 + EPS);   // ≈ 0.89
        double w1 = -2.0 * 0.99 - 0.1 * -1.0 / (1.0 + EPS); // ≈ -1.88
        double b = 0.5 - 0.1 * 2.0 / (2.0 + EPS);            // ≈ 0.4, no decay
        assertStep(after[0], w0, w1, b, "step 1");

        // step 2: decay W by 0.99 again, then m̂ = (0.09 g1 + 0.1 g2) / 0.19,
        // v̂ = (0.000999 g1² + 0.001 g2²) / 0.001999, θ -= 0.1 m̂ / (√v̂ + ε)
        w0 = w0 * 0.99 - 0.1 * ((0.09 * 0.5 + 0.1 * 1.0) / 0.19)
                / (sqrt((0.000999 * 0.25 + 0.001 * 1.0) / 0.001999) + EPS);      // ≈ 0.784582
        w1 = w1 * 0.99 - 0.1 * ((0.09 * -1.0 + 0.1 * 0.5) / 0.19)
                / (sqrt((0.000999 * 1.0 + 0.001 * 0.25) / 0.001999) + EPS);      // ≈ -1.834566
        b = b - 0.1 * ((0.09 * 2.0 + 0.1 * -1.0) / 0.19)
                / (sqrt((0.000999 * 4.0 + 0.001 * 1.0) / 0.001999) + EPS);       // ≈ 0.373366
        assertStep(after[1], w0, w1, b, "step 2");

        // the bias is exactly where plain Adam puts it
        double[][] adam = AdamTest.handComputed();
        assertEquals(adam[1][2], after[1][1].get(0), OptimTesting.TOLERANCE);
        assertTrue(Math.abs(adam[1][0] - after[1][0].get(0)) > 0.01, "W is decayed");
    }

    @Test
    void withNothingMarkedDecayedItIsAdam() {
        DMatrixRMaj[][] adamW = twoSteps(new AdamW(0.5), new boolean[]{false, false});
        double[][] adam = AdamTest.handComputed();
        assertStep(adamW[1], adam[1][0], adam[1][1], adam[1][2], "step 2");
    }

    @Test
    void withZeroWeightDecayItIsAdam() {
        DMatrixRMaj[][] adamW = twoSteps(new AdamW(0), new boolean[]{true, true});
        double[][] adam = AdamTest.handComputed();
        assertStep(adamW[1], adam[1][0], adam[1][1], adam[1][2], "step 2");
    }

    @Test
    void startRejectsAMissingOrMisSizedMask() {
        DMatrixRMaj[] params = {row(1, 2), row(3)};
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new AdamW().start(params, null));
        assertTrue(missing.getMessage().contains("decayed"), missing.getMessage());
        IllegalArgumentException short_ = assertThrows(IllegalArgumentException.class,
                () -> new AdamW().start(params, new boolean[]{true}));
        assertTrue(short_.getMessage().contains("decayed") && short_.getMessage().contains("1"), short_.getMessage());
    }

    @Test
    void laterChangesToTheMaskArrayDoNotAffectTheUpdater() {
        boolean[] mask = {true, false};
        DMatrixRMaj[] params = {row(1.0, -2.0), row(0.5)};
        Optimizer.Updater updater = new AdamW(0.9, 0.999, EPS, 0.1).start(params, mask);
        mask[1] = true;
        updater.step(0.1, params, new DMatrixRMaj[]{row(0.5, -1.0), row(2.0)});
        assertEquals(0.5 - 0.1 * 2.0 / (2.0 + EPS), params[1].get(0), OptimTesting.TOLERANCE);
    }

    @Test
    void defaultsAreAdamsWithWeightDecayOneHundredth() {
        assertEquals(new AdamW(0.9, 0.999, 1e-8, 0.01), new AdamW());
        assertEquals(new AdamW(0.9, 0.999, 1e-8, 0.3), new AdamW(0.3));
    }

    @Test
    void nameAndToStringShowHyperParameters() {
        assertEquals("adamw", new AdamW().name());
        assertEquals("adamw(beta1=0.9, beta2=0.999, epsilon=1.0E-8, weightDecay=0.01)", new AdamW().toString());
    }
}
