package dev.mlp.linalg;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The float32 sigmoid: {@link FloatPlainSigmoid} against a float64 reference over the whole float
 * range, its special values, and every backend's float32 sigmoid giving its bits, before and
 * after the JIT has compiled it.
 */
class FloatSigmoidTest {

    /** One variant per backend: the sigmoid does not depend on the thread count. */
    static List<LinalgTesting.Variant> backends() {
        return LinalgTesting.backends().stream().filter(v -> !v.label().matches(".*-[23]")).toList();
    }

    /** The sigmoid in float64, whose error (a few 10⁻¹⁶ relative) is far below a float ulp. */
    private static double reference(float z) {
        return 1.0 / (1.0 + Math.exp(-(double) z));
    }

    /** |got - exact| in ulps of float at the exact value (the spacing of subnormals below 2⁻¹²⁶). */
    private static double ulps(float got, double exact) {
        return Math.abs(got - exact) / Math.ulp((float) exact);
    }

    @Test
    void powerOfTwoIsExactForEveryExponentTheLoopsTake() {
        for (int k = -26; k <= 101; k++) {
            assertEquals(Math.scalb(1f, k), FloatPlainSigmoid.powerOfTwo(k), "2^" + k);
        }
    }

    /**
     * Every 4093rd float from -∞ to +∞ (1.05 million values: subnormal inputs, the saturated ends,
     * results below the smallest normal float, and every binade between), through the loops in
     * chunks and one at a time: within 3 ulp of the float64 sigmoid. The largest differences,
     * about 2.1 ulp, are near z = -16.7, where 2^k + 1 (k = 24) is rounded, as the float64
     * sigmoid's are near z = -36.9.
     */
    @Test
    void withinThreeUlpOfTheExactSigmoidOverTheWholeFloatRange() {
        int n = 4096;
        float[] z = new float[n];
        float[] out = new float[n];
        double worst = 0;
        float worstAt = 0;
        long bits = Integer.MIN_VALUE;
        int filled = 0;
        for (; bits <= Integer.MAX_VALUE; bits += 4093) {
            float v = Float.intBitsToFloat((int) bits);
            if (Float.isNaN(v)) {
                continue;
            }
            z[filled++] = v;
            if (filled == n) {
                FloatPlainSigmoid.apply(z, out, n);
                for (int i = 0; i < n; i++) {
                    double e = ulps(out[i], reference(z[i]));
                    if (e > worst) {
                        worst = e;
                        worstAt = z[i];
                    }
                    assertEquals(Float.floatToRawIntBits(FloatPlainSigmoid.at(z[i])), Float.floatToRawIntBits(out[i]),
                            "z = " + z[i] + ": the loops and the scalar form differ");
                }
                filled = 0;
            }
        }
        double largest = worst;
        float at = worstAt;
        assertTrue(largest <= 3, () -> "largest difference " + largest + " ulp at z = " + at);
    }

    /** A dense sweep where the arithmetic changes: around 0, the clamp at 18 and the ends of both ranges. */
    @Test
    void withinThreeUlpWhereTheRangesMeet() {
        float[] centres = {0f, -FloatPlainSigmoid.ONE_FROM, FloatPlainSigmoid.ONE_FROM, -17.33f,
                FloatPlainSigmoid.DIGITS_RANGE, FloatPlainSigmoid.LARGEST_EXPONENT, 87.34f, 103.9f};
        for (float centre : centres) {
            float[] z = new float[2001];
            for (int i = 0; i < z.length; i++) {
                // both signs: entries at +centre and -centre
                z[i] = (i % 2 == 0 ? -1 : 1) * (centre + (i - 1000) * 0.0005f);
            }
            float[] out = new float[z.length];
            FloatPlainSigmoid.apply(z, out, z.length);
            for (int i = 0; i < z.length; i++) {
                assertTrue(ulps(out[i], reference(z[i])) <= 3, "z = " + z[i] + ": " + out[i] + " vs " + reference(z[i]));
            }
        }
    }

    @Test
    void saturatedAndSpecialValuesAreExact() {
        float[] z = {0f, -0f, FloatPlainSigmoid.ONE_FROM, 17.5f, 50f, Float.MAX_VALUE, Float.POSITIVE_INFINITY,
                Float.NEGATIVE_INFINITY, -Float.MAX_VALUE, -200f, Float.NaN, Float.MIN_VALUE, -Float.MIN_VALUE};
        float[] out = new float[z.length];
        FloatPlainSigmoid.apply(z, out, z.length);
        assertEquals(0.5f, out[0]);
        assertEquals(0.5f, out[1]);
        for (int i = 2; i < 7; i++) {
            assertEquals(1f, out[i], "z = " + z[i]);
        }
        for (int i = 7; i < 10; i++) {
            assertEquals(0f, out[i], "z = " + z[i]);
        }
        assertTrue(Float.isNaN(out[10]));
        assertEquals(0.5f, out[11]);
        assertEquals(0.5f, out[12]);
    }

    /** Every entry gets the bits it gets alone, whatever else is in the array. */
    @Test
    void eachEntryIsComputedAsIfAlone() {
        Random rnd = new Random(9);
        float[] one = new float[1];
        for (int t = 0; t < 40; t++) {
            int n = 1 + rnd.nextInt(1200);
            float[] z = inputs(rnd, n);
            float[] out = new float[n];
            FloatPlainSigmoid.apply(z, out, n);
            for (int i = 0; i < n; i++) {
                FloatPlainSigmoid.apply(new float[] {z[i]}, one, 1);
                assertEquals(Float.floatToRawIntBits(one[0]), Float.floatToRawIntBits(out[i]),
                        "z = " + z[i] + " at " + i + " of " + n);
            }
        }
    }

    /** z of every kind: ordinary, saturated, beyond each range, NaN and ±∞. */
    private static float[] inputs(Random rnd, int n) {
        float[] z = new float[n];
        for (int i = 0; i < n; i++) {
            z[i] = switch (rnd.nextInt(8)) {
                case 0 -> -17 - rnd.nextFloat() * 2;
                case 1 -> (rnd.nextFloat() * 2 - 1) * 30;
                case 2 -> rnd.nextInt(20) == 0 ? Float.NaN : -70 - rnd.nextFloat() * 18;
                case 3 -> rnd.nextInt(10) == 0 ? Float.NEGATIVE_INFINITY : Float.POSITIVE_INFINITY;
                case 4 -> -88 - rnd.nextFloat() * 30;
                default -> (float) rnd.nextGaussian() * 4;
            };
        }
        return z;
    }

    private static float[] plain(float[] z, int n) {
        float[] out = new float[n];
        FloatPlainSigmoid.apply(z, out, n);
        return out;
    }

    /** Every backend's float32 sigmoid gives the plain one's bits, for any length, in place or not. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void everyBackendGivesThePlainSigmoidsBits(LinalgTesting.Variant variant) {
        FloatBackend backend = variant.create().float32();
        Random rnd = new Random(12);
        for (int n = 0; n <= 70; n++) {
            for (int trial = 0; trial < 20; trial++) {
                float[] z = inputs(rnd, n + 3);
                // trial 0: every entry in range, so that whole vectors take the vector path
                if (trial == 0) {
                    for (int i = 0; i < z.length; i++) {
                        z[i] = rnd.nextBoolean() ? (rnd.nextFloat() * 2 - 1) * 20 : -rnd.nextFloat() * 87.9f;
                    }
                }
                float[] expected = plain(z, n);
                float[] out = new float[n + 3];
                backend.sigmoid(z, out, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(out[i]),
                            variant + ": z = " + z[i] + " at " + i + " of " + n);
                }
                assertEquals(0f, out[n], "wrote past n");
                backend.sigmoid(z, z, n);
                for (int i = 0; i < n; i++) {
                    assertEquals(Float.floatToRawIntBits(expected[i]), Float.floatToRawIntBits(z[i]),
                            variant + " in place: entry " + i + " of " + n);
                }
            }
        }
        for (int n : new int[] {150, 511, 512, 513, 1023, 1024, 1025, 1500, 17970}) {
            for (boolean inRange : new boolean[] {true, false}) {
                float[] z = inputs(rnd, n);
                if (inRange) {
                    for (int i = 0; i < n; i++) {
                        z[i] = rnd.nextBoolean() ? (rnd.nextFloat() * 2 - 1) * 20 : -rnd.nextFloat() * 87.9f;
                    }
                    // one vector's worth out of range, so that one vector takes the scalar path
                    z[n / 2] = Float.NaN;
                }
                float[] out = new float[n];
                backend.sigmoid(z, out, n);
                float[] expected = plain(z, n);
                assertArrayEquals(expected, out, variant + ", n = " + n + (inRange ? ", in range" : ""));
                backend.sigmoid(z, z, n);
                assertArrayEquals(expected, z, variant + " in place, n = " + n);
            }
        }
    }

    /**
     * The first calls run interpreted; after hundreds of thousands of calls C2 has compiled the
     * loops: the bits must not change. The inputs are in range, so whole vectors take the vector
     * path, with a tail.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void theBitsAreTheSameBeforeAndAfterTheJitCompilesTheSigmoid(LinalgTesting.Variant variant) {
        FloatBackend backend = variant.create().float32();
        Random rnd = new Random(13);
        for (int[] sizeAndCalls : new int[][] {{27, 300_000}, {1100, 20_000}}) {
            int n = sizeAndCalls[0];
            float[] z = new float[n];
            for (int i = 0; i < n; i++) {
                z[i] = (rnd.nextFloat() * 2 - 1) * 20;
            }
            float[] cold = new float[n];
            backend.sigmoid(z, cold, n);
            float[] warm = new float[n];
            for (int call = 0; call < sizeAndCalls[1]; call++) {
                backend.sigmoid(z, warm, n);
            }
            assertArrayEquals(cold, warm, variant + ", n = " + n + ": the sigmoid changed its bits once compiled");
            assertArrayEquals(plain(z, n), warm, variant + ", n = " + n);
        }
    }
}
