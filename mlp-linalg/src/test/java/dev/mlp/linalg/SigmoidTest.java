package dev.mlp.linalg;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every backend's sigmoid gives the bits of {@link PlainSigmoid} (whose accuracy
 * {@link PlainSigmoidTest} proves), for any length, in place or not, with values out of the
 * polynomial's range anywhere, and gives the same bits after the JIT has compiled it as before.
 */
class SigmoidTest {

    static List<LinalgTesting.Variant> backends() {
        return LinalgTesting.backends();
    }

    /** z of every kind: ordinary, near the 4-ulp peak, saturated, out of range, NaN and ±∞. */
    private static double[] inputs(Random rnd, int n) {
        double[] z = new double[n];
        for (int i = 0; i < n; i++) {
            z[i] = switch (rnd.nextInt(8)) {
                case 0 -> -36.3 - rnd.nextDouble() * 0.8;
                case 1 -> (rnd.nextDouble() * 2 - 1) * 50;
                case 2 -> rnd.nextInt(20) == 0 ? Double.NaN : -44 - rnd.nextDouble() * 600;
                case 4 -> -600 - rnd.nextDouble() * 200;
                case 3 -> rnd.nextInt(10) == 0 ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
                default -> rnd.nextGaussian() * 4;
            };
        }
        return z;
    }

    private static double[] plain(double[] z, int n) {
        double[] out = new double[n];
        PlainSigmoid.apply(z, out, n);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void everyBackendGivesThePlainSigmoidsBits(LinalgTesting.Variant variant) {
        Backend backend = variant.create();
        Random rnd = new Random(12);
        for (int n = 0; n <= 70; n++) {
            for (int trial = 0; trial < 20; trial++) {
                double[] z = inputs(rnd, n + 3);
                // trial 0: every entry in range, so that whole vectors take the vector path
                if (trial == 0) {
                    for (int i = 0; i < z.length; i++) {
                        z[i] = rnd.nextBoolean() ? (rnd.nextDouble() * 2 - 1) * 43 : -rnd.nextDouble() * 659;
                    }
                }
                double[] expected = plain(z, n);
                double[] out = new double[n + 3];
                backend.sigmoid(z, out, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(out[i]),
                            variant + ": z = " + z[i] + " at " + i + " of " + n);
                }
                assertEquals(0.0, out[n], "wrote past n");
                backend.sigmoid(z, z, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(z[i]),
                            variant + " in place: entry " + i + " of " + n);
                }
            }
        }
        for (int n : new int[]{150, 511, 512, 513, 1023, 1024, 1025, 1500, 17970}) {
            for (boolean inRange : new boolean[]{true, false}) {
                double[] z = inputs(rnd, n);
                if (inRange) {
                    for (int i = 0; i < n; i++) {
                        z[i] = rnd.nextBoolean() ? (rnd.nextDouble() * 2 - 1) * 43 : -rnd.nextDouble() * 659;
                    }
                    // one vector's worth out of range, so that one vector takes the scalar path
                    z[n / 2] = Double.NaN;
                }
                double[] out = new double[n];
                backend.sigmoid(z, out, n);
                double[] expected = plain(z, n);
                assertArrayEquals(expected, out, variant + ", n = " + n + (inRange ? ", in range" : ""));
                backend.sigmoid(z, z, n);
                assertArrayEquals(expected, z, variant + " in place, n = " + n);
            }
        }
    }

    /**
     * The first calls run interpreted; after hundreds of thousands of calls C2 has compiled the
     * loops: the bits must not change (the Vector API's own exponential changed them). The inputs
     * are in range, so whole vectors take the vector path, and include a tail.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void theBitsAreTheSameBeforeAndAfterTheJitCompilesTheSigmoid(LinalgTesting.Variant variant) {
        Backend backend = variant.create();
        Random rnd = new Random(13);
        // a short and a long array, both with a tail that does not fill a vector
        for (int[] sizeAndCalls : new int[][] {{27, 300_000}, {1100, 20_000}}) {
            int n = sizeAndCalls[0];
            double[] z = new double[n];
            for (int i = 0; i < n; i++) {
                z[i] = (rnd.nextDouble() * 2 - 1) * 40;
            }
            double[] cold = new double[n];
            backend.sigmoid(z, cold, n);
            double[] warm = new double[n];
            for (int call = 0; call < sizeAndCalls[1]; call++) {
                backend.sigmoid(z, warm, n);
            }
            assertArrayEquals(cold, warm, variant + ", n = " + n + ": the sigmoid changed its bits once compiled");
            assertArrayEquals(plain(z, n), warm, variant + ", n = " + n);
        }
    }
}
