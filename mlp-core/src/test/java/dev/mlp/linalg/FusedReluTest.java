package dev.mlp.linalg;

import dev.mlp.linalg.LinalgTesting.Backend;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.mlp.linalg.LinalgTesting.random;
import static dev.mlp.linalg.LinalgTesting.sameBits;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link MatrixKernel#multAddBiasRelu}: the ReLU of {@code multAddBias} and an exact finiteness verdict. */
class FusedReluTest {

    /**
     * m, k, n: the vector backend's unpacked path in rows of four (k &lt; 32) and of eight with a
     * remainder of every size, one and two column blocks, a last row of B read from a copy, and the
     * packed path (k &gt; 256, or B too large for L1); the digits network's first layer.
     */
    private static final int[][] SHAPES = {
            {1, 1, 1}, {7, 20, 10}, {12, 15, 10}, {8, 64, 15}, {9, 64, 15}, {15, 64, 15}, {23, 33, 16},
            {17, 40, 17}, {13, 129, 7}, {20, 300, 15}, {40, 64, 129}, {1797, 64, 15},
    };

    static List<Backend> backends() {
        return LinalgTesting.backends();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void givesTheBitsOfMultAddBiasFollowedByMathMax(Backend backend) {
        MatrixKernel kernel = backend.create();
        Random rnd = new Random(31);
        for (int[] s : SHAPES) {
            DMatrixRMaj a = random(s[0], s[1], rnd);
            DMatrixRMaj b = random(s[1], s[2], rnd);
            DMatrixRMaj bias = random(1, s[2], rnd);
            DMatrixRMaj expected = reluOfMultAddBias(kernel, a, b, bias);
            // an oversized output full of NaN: every entry is written, nothing past m·n
            DMatrixRMaj c = new DMatrixRMaj(s[0] + 2, s[2] + 3);
            Arrays.fill(c.data, Double.NaN);
            boolean finite = kernel.multAddBiasRelu(a, b, bias, c);
            String what = backend + " " + Arrays.toString(s);
            assertTrue(finite, what + ": finite inputs reported as not finite");
            assertTrue(sameBits(expected, c), what + ": not the bits of multAddBias and Math.max(z, 0)");
            for (int i = s[0] * s[2]; i < c.data.length; i++) {
                assertTrue(Double.isNaN(c.data[i]), what + ": entry " + i + " past the output was written");
            }
        }
    }

    /**
     * A NaN or ±∞ in A (first, middle or last row), in B or in the bias makes some z non-finite;
     * many of them are −∞, which the ReLU turns into 0, so only the verdict shows them. The output
     * is still the ReLU of multAddBias, entry by entry.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void reportsEveryNonFiniteSumAlsoWhereTheReluHidesIt(Backend backend) {
        MatrixKernel kernel = backend.create();
        Random rnd = new Random(32);
        int[][] shapes = {{7, 20, 10}, {20, 64, 15}, {20, 300, 15}};
        for (int[] s : shapes) {
            int m = s[0], k = s[1], n = s[2];
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                for (String where : new String[] {"a first", "a middle", "a last", "b", "bias"}) {
                    DMatrixRMaj a = random(m, k, rnd);
                    DMatrixRMaj b = random(k, n, rnd);
                    DMatrixRMaj bias = random(1, n, rnd);
                    switch (where) {
                        case "a first" -> a.data[3] = bad;
                        case "a middle" -> a.set(m / 2, k - 1, bad);
                        case "a last" -> a.set(m - 1, 0, bad);
                        case "b" -> b.set(k / 2, n - 1, bad);
                        default -> bias.data[n / 3] = bad;
                    }
                    DMatrixRMaj expected = reluOfMultAddBias(kernel, a, b, bias);
                    DMatrixRMaj c = new DMatrixRMaj(1, 1);
                    String what = backend + " " + Arrays.toString(s) + " " + bad + " in " + where;
                    assertFalse(kernel.multAddBiasRelu(a, b, bias, c), what + ": reported finite");
                    assertTrue(sameBits(expected, c), what + ": not the ReLU of multAddBias");
                }
            }
        }
    }

    /**
     * One z alone overflows to −∞ (hidden by the ReLU) or +∞, at every row of the eight- and
     * four-row tiles and in both vectors of a row: no part of a tile is left out of the test.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aSingleOverflowingEntryIsReportedWhereverItIs(Backend backend) {
        MatrixKernel kernel = backend.create();
        Random rnd = new Random(33);
        for (int[] s : new int[][] {{12, 64, 15}, {7, 20, 10}}) {
            int m = s[0], k = s[1], n = s[2];
            for (int r = 0; r < m; r++) {
                for (int j : new int[] {0, 5, n - 1}) {
                    DMatrixRMaj a = random(m, k, rnd);
                    DMatrixRMaj b = random(k, n, rnd);
                    DMatrixRMaj bias = random(1, n, rnd);
                    int p = (r * 7 + j) % k;
                    a.set(r, p, (r + j) % 2 == 0 ? -1e200 : 1e200);
                    b.set(p, j, 1e200);
                    DMatrixRMaj c = new DMatrixRMaj(1, 1);
                    String what = backend + " " + Arrays.toString(s) + ": z(" + r + ", " + j + ") overflows";
                    assertFalse(kernel.multAddBiasRelu(a, b, bias, c), what + ", reported finite");
                    assertTrue(sameBits(reluOfMultAddBias(kernel, a, b, bias), c), what + ": not the ReLU of multAddBias");
                }
            }
        }
    }

    /**
     * Entries near the largest double, all finite, whose sums overflow: the verdict is still
     * "finite" (a fused test that sums the tiles must recheck, not guess).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void hugeButFiniteEntriesAreFinite(Backend backend) {
        MatrixKernel kernel = backend.create();
        int m = 40, k = 64, n = 15;
        DMatrixRMaj a = new DMatrixRMaj(m, k);
        Arrays.fill(a.data, 1.0);
        DMatrixRMaj b = new DMatrixRMaj(k, n);
        Arrays.fill(b.data, 1.5e308 / k);
        DMatrixRMaj bias = new DMatrixRMaj(1, n);
        DMatrixRMaj expected = reluOfMultAddBias(kernel, a, b, bias);
        DMatrixRMaj c = new DMatrixRMaj(1, 1);
        assertTrue(kernel.multAddBiasRelu(a, b, bias, c), backend + ": finite entries of 1.5e308 reported as not finite");
        assertTrue(sameBits(expected, c), backend + ": not the ReLU of multAddBias");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void badShapesAndAliasesAreRejected(Backend backend) {
        MatrixKernel kernel = backend.create();
        DMatrixRMaj a = new DMatrixRMaj(15, 64);
        DMatrixRMaj b = new DMatrixRMaj(64, 15);
        DMatrixRMaj c = new DMatrixRMaj(1, 1);
        assertThrows(IllegalArgumentException.class, () -> kernel.multAddBiasRelu(a, new DMatrixRMaj(63, 15),
                new DMatrixRMaj(1, 15), c));
        assertThrows(IllegalArgumentException.class, () -> kernel.multAddBiasRelu(a, b, new DMatrixRMaj(1, 14), c));
        assertThrows(IllegalArgumentException.class, () -> kernel.multAddBiasRelu(a, b, new DMatrixRMaj(1, 15), a));
    }

    /** What the fused call must equal: the kernel's own multAddBias, then Math.max(z, 0.0) per entry. */
    private static DMatrixRMaj reluOfMultAddBias(MatrixKernel kernel, DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj bias) {
        DMatrixRMaj z = new DMatrixRMaj(1, 1);
        kernel.multAddBias(a, b, bias, z);
        for (int i = 0; i < z.getNumElements(); i++) {
            z.data[i] = Math.max(z.data[i], 0.0);
        }
        return z;
    }
}
