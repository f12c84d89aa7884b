package dev.mlp.linalg;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FiniteCheckTest {

    private static final double[] BAD = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    private static final double[] EXTREME = {Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -0.0,
            Double.MIN_NORMAL, 1e300};

    /** A finite check under test: the plain one, or a backend's. */
    @FunctionalInterface
    private interface Check {
        boolean allFinite(double[] data, int n);
    }

    private static Check vector() {
        Backend vector = LinalgTesting.vector(1, 0);
        assumeTrue(Backends.vectorAvailable(), "needs --add-modules jdk.incubator.vector");
        return vector::allFinite;
    }

    @Test
    void plainFindsEachKindOfNonFiniteValueAnywhere() {
        assertFindsEveryBadValue(FiniteCheck::plain);
    }

    @Test
    void vectorFindsEachKindOfNonFiniteValueAnywhereIncludingTheTail() {
        assertFindsEveryBadValue(vector());
    }

    /** Lengths around the vector widths and the 4-vector unrolling, a bad value at every position. */
    private static void assertFindsEveryBadValue(Check check) {
        Random rnd = new Random(41);
        for (int n = 0; n <= 70; n++) {
            double[] data = new double[n + 3];
            for (int i = 0; i < n; i++) {
                data[i] = EXTREME[rnd.nextInt(EXTREME.length)] * (rnd.nextBoolean() ? 1 : 0.5);
            }
            // past n: never read
            data[n] = Double.NaN;
            assertTrue(check.allFinite(data, n), "n = " + n + ": finite extremes reported as bad");
            for (int at = 0; at < n; at++) {
                double kept = data[at];
                for (double bad : BAD) {
                    data[at] = bad;
                    assertFalse(check.allFinite(data, n), "n = " + n + ": " + bad + " at " + at + " missed");
                }
                data[at] = kept;
            }
        }
    }

    @Test
    void vectorAgreesWithPlainOnRandomArrays() {
        Check vector = vector();
        Random rnd = new Random(42);
        for (int t = 0; t < 2000; t++) {
            double[] data = new double[1 + rnd.nextInt(300)];
            for (int i = 0; i < data.length; i++) {
                data[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(600) - 300);
            }
            if (rnd.nextInt(3) == 0) {
                data[rnd.nextInt(data.length)] = BAD[rnd.nextInt(BAD.length)];
            }
            int n = rnd.nextInt(data.length + 1);
            assertEquals(FiniteCheck.plain(data, n), vector.allFinite(data, n), "trial " + t);
        }
    }

    /** A float32 finite check under test: the plain one, or a backend's. */
    @FunctionalInterface
    private interface FloatCheck {
        boolean allFinite(float[] data, int n);
    }

    private static final float[] FLOAT_BAD = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
    private static final float[] FLOAT_EXTREME = {Float.MAX_VALUE, -Float.MAX_VALUE, Float.MIN_VALUE, -0f,
            Float.MIN_NORMAL, 1e38f};

    private static FloatCheck vectorFloat() {
        Backend vector = LinalgTesting.vector(1, 0);
        assumeTrue(Backends.vectorAvailable(), "needs --add-modules jdk.incubator.vector");
        return vector.float32()::allFinite;
    }

    @Test
    void float32PlainAndVectorFindEachKindOfNonFiniteValueAnywhere() {
        assertFindsEveryBadFloat(FiniteCheck::plain);
        assertFindsEveryBadFloat(new BlockedKernel(1).float32()::allFinite);
        assertFindsEveryBadFloat(vectorFloat());
    }

    /** Lengths past four vectors of 16 floats (the unrolling at 512 bits), a bad value at every position. */
    private static void assertFindsEveryBadFloat(FloatCheck check) {
        Random rnd = new Random(43);
        for (int n = 0; n <= 140; n++) {
            float[] data = new float[n + 3];
            for (int i = 0; i < n; i++) {
                data[i] = FLOAT_EXTREME[rnd.nextInt(FLOAT_EXTREME.length)] * (rnd.nextBoolean() ? 1 : 0.5f);
            }
            data[n] = Float.NaN;
            assertTrue(check.allFinite(data, n), "n = " + n + ": finite extremes reported as bad");
            for (int at = 0; at < n; at++) {
                float kept = data[at];
                for (float bad : FLOAT_BAD) {
                    data[at] = bad;
                    assertFalse(check.allFinite(data, n), "n = " + n + ": " + bad + " at " + at + " missed");
                }
                data[at] = kept;
            }
        }
    }

    @Test
    void float32VectorAgreesWithPlainOnRandomArrays() {
        FloatCheck vector = vectorFloat();
        Random rnd = new Random(44);
        for (int t = 0; t < 2000; t++) {
            float[] data = new float[1 + rnd.nextInt(300)];
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) (rnd.nextGaussian() * Math.pow(10, rnd.nextInt(76) - 38));
            }
            if (rnd.nextInt(3) == 0) {
                data[rnd.nextInt(data.length)] = FLOAT_BAD[rnd.nextInt(FLOAT_BAD.length)];
            }
            int n = rnd.nextInt(data.length + 1);
            assertEquals(FiniteCheck.plain(data, n), vector.allFinite(data, n), "trial " + t);
        }
    }
}
