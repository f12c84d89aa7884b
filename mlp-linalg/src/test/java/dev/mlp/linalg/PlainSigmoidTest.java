package dev.mlp.linalg;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlainSigmoidTest {

    private static double formula(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    @Test
    void powerOfTwoIsExactForEveryExponentInItsRange() {
        for (int k = -63; k <= 63; k++) {
            assertEquals(Math.scalb(1.0, k), PlainSigmoid.powerOfTwo(k), "2^" + k);
        }
    }

    /**
     * Lengths on both sides of the single-pass limit and the chunk size (512), in place and not;
     * z over the whole range the polynomial path takes (values beyond it: the tests below).
     */
    @Test
    void sigmoidStaysWithinFourUlpOfTheMathExpFormula() {
        Random rnd = new Random(7);
        double worstUlps = 0;
        for (int n : new int[]{1, 7, 15, 150, 511, 512, 513, 1024, 1500, 17970}) {
            for (boolean inPlace : new boolean[]{false, true}) {
                double[] z = new double[n + 2];
                for (int i = 0; i < z.length; i++) {
                    // a quarter in z ∈ [-37.1, -36.3], where 2^k + 1 is rounded and the difference peaks
                    z[i] = switch (rnd.nextInt(4)) {
                        case 0 -> rnd.nextGaussian() * 4;
                        case 1 -> (rnd.nextDouble() * 2 - 1) * 44;
                        case 2 -> -rnd.nextDouble() * PlainSigmoid.LARGEST_EXPONENT;
                        default -> -36.3 - rnd.nextDouble() * 0.8;
                    };
                }
                double[] expected = new double[n];
                for (int i = 0; i < n; i++) {
                    expected[i] = formula(z[i]);
                }
                double[] out = inPlace ? z : new double[n + 2];
                double pastEnd = out[n];
                PlainSigmoid.apply(z, out, n);
                for (int i = 0; i < n; i++) {
                    double ulps = Math.abs(out[i] - expected[i]) / Math.ulp(expected[i]);
                    worstUlps = Math.max(worstUlps, ulps);
                    assertTrue(ulps <= 4, "n = " + n + ", z = " + z[i] + ": " + out[i] + " vs " + expected[i]);
                }
                assertEquals(pastEnd, out[n], "wrote past n");
            }
        }
        System.out.println("PlainSigmoid: largest difference from 1 / (1 + Math.exp(-z)): " + worstUlps + " ulp");
    }

    @Test
    void saturatedAndSpecialValuesAreExact() {
        double[] z = {0.0, -0.0, PlainSigmoid.ONE_FROM, 36.8, 50.0, 1e300, Double.POSITIVE_INFINITY,
                -PlainSigmoid.LARGEST_EXPONENT};
        double[] out = new double[z.length];
        PlainSigmoid.apply(z, out, z.length);
        assertEquals(0.5, out[0]);
        assertEquals(0.5, out[1]);
        for (int i = 2; i < 7; i++) {
            assertEquals(1.0, out[i], "z = " + z[i]);
        }
        assertTrue(Math.abs(out[7] - formula(z[7])) <= 4 * Math.ulp(formula(z[7])));
    }

    /**
     * A z below the polynomial's range, a NaN or -∞ takes the formula with StrictMath.exp, wherever it sits (first,
     * last, either side of a chunk boundary), and changes no bit of any other entry.
     */
    @Test
    void valuesBeyondTheRangeTakeTheFormulaAndLeaveTheOthersAlone() {
        double[] beyond = {Math.nextDown(-PlainSigmoid.LARGEST_EXPONENT), -661.0, -709.0, -745.0, -800.0,
                Double.NEGATIVE_INFINITY, Double.NaN};
        Random rnd = new Random(8);
        for (double bad : beyond) {
            for (int n : new int[]{1, 3, 600}) {
                for (int at : new int[]{0, n - 1, 511, 512}) {
                    if (at >= n) {
                        continue;
                    }
                    double[] z = new double[n];
                    for (int i = 0; i < n; i++) {
                        z[i] = rnd.nextBoolean() ? rnd.nextGaussian() * 4 : -36.3 - rnd.nextDouble() * 0.8;
                    }
                    double[] clean = z.clone();
                    double[] cleanOut = new double[n];
                    PlainSigmoid.apply(clean, cleanOut, n);
                    z[at] = bad;
                    double[] out = new double[n];
                    PlainSigmoid.apply(z, out, n);
                    assertEquals(1.0 / (1.0 + StrictMath.exp(-bad)), out[at], "z = " + bad + " at " + at + " of " + n);
                    for (int i = 0; i < n; i++) {
                        if (i != at) {
                            assertEquals(cleanOut[i], out[i], "n = " + n + ", entry " + i + " beside " + bad + " at " + at);
                        }
                    }
                }
            }
        }
    }

    /** Every entry gets the bits it gets alone, whatever else is in the array. */
    @Test
    void eachEntryIsComputedAsIfAlone() {
        Random rnd = new Random(9);
        double[] one = new double[1];
        for (int t = 0; t < 40; t++) {
            int n = 1 + rnd.nextInt(1200);
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = rnd.nextInt(50) == 0 ? -50 - rnd.nextDouble() * 800 : (rnd.nextDouble() * 2 - 1) * 50;
            }
            double[] out = new double[n];
            PlainSigmoid.apply(z, out, n);
            for (int i = 0; i < n; i++) {
                PlainSigmoid.apply(new double[]{z[i]}, one, 1);
                assertEquals(one[0], out[i], "z = " + z[i] + " at " + i + " of " + n);
            }
        }
    }
}
