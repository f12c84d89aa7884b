package dev.mlp.linalg;

import dev.mlp.linalg.LinalgTesting.Variant;
import dev.mlp.linalg.LinalgTesting.Op;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.mlp.linalg.LinalgTesting.apply;
import static dev.mlp.linalg.LinalgTesting.assertClose;
import static dev.mlp.linalg.LinalgTesting.describe;
import static dev.mlp.linalg.LinalgTesting.operands;
import static dev.mlp.linalg.LinalgTesting.random;
import static dev.mlp.linalg.LinalgTesting.randomOversized;
import static dev.mlp.linalg.LinalgTesting.reference;
import static dev.mlp.linalg.LinalgTesting.sameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Output handling, argument errors, determinism and thread-count independence of every backend. */
class KernelContractTest {

    static List<Variant> backends() {
        return LinalgTesting.backends();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void oversizedOutputAndInputsAreHandled(Variant backend) {
        Backend kernel = backend.create();
        Random rnd = new Random(21);
        int[][] shapes = {{12, 64, 15}, {7, 129, 15}, {1, 1, 1}, {129, 15, 7}};
        for (int[] s : shapes) {
            int m = s[0], k = s[1], n = s[2];
            for (Op op : Op.values()) {
                DMatrixRMaj a = op == Op.TRANS_A ? randomOversized(k, m, rnd) : randomOversized(m, k, rnd);
                DMatrixRMaj b = op == Op.TRANS_B ? randomOversized(n, k, rnd) : randomOversized(k, n, rnd);
                DMatrixRMaj bias = randomOversized(1, n, rnd);
                DMatrixRMaj expected = reference(op, a, b, bias);
                // an output that is larger and full of NaN: every entry must be overwritten,
                // nothing past m·n touched, and its array kept
                DMatrixRMaj c = new DMatrixRMaj(200, 200);
                Arrays.fill(c.data, Double.NaN);
                double[] array = c.data;
                apply(kernel, op, a, b, bias, c);
                assertSame(array, c.data, "the output's larger array is reused");
                assertEquals(m, c.numRows);
                assertEquals(n, c.numCols);
                assertClose(backend + " " + describe(op, a, b), expected, c, k, a, b, op == Op.BIAS ? bias : null);
                for (int i = m * n; i < array.length; i++) {
                    assertTrue(Double.isNaN(array[i]), "entry " + i + " past the output's elements was written");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void outputGrowsWhenTooSmall(Variant backend) {
        Backend kernel = backend.create();
        Random rnd = new Random(22);
        DMatrixRMaj a = random(20, 30, rnd);
        DMatrixRMaj b = random(30, 40, rnd);
        DMatrixRMaj c = new DMatrixRMaj(2, 2);
        kernel.mult(a, b, c);
        assertEquals(20, c.numRows);
        assertEquals(40, c.numCols);
        assertClose(backend + " mult", reference(Op.MULT, a, b, null), c, 30, a, b, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void zeroSizedDimensions(Variant backend) {
        Backend kernel = backend.create();
        DMatrixRMaj c = new DMatrixRMaj(4, 4);
        Arrays.fill(c.data, Double.NaN);
        kernel.mult(new DMatrixRMaj(3, 0), new DMatrixRMaj(0, 4), c);
        assertEquals(3, c.numRows);
        assertEquals(4, c.numCols);
        for (int i = 0; i < 12; i++) {
            assertEquals(0.0, c.data[i], "k = 0 gives zeros");
        }
        kernel.multTransA(new DMatrixRMaj(0, 2), new DMatrixRMaj(0, 3), c);
        assertEquals(2, c.numRows);
        assertEquals(3, c.numCols);
        assertEquals(0.0, LinalgTesting.maxAbs(c));
        kernel.multTransB(new DMatrixRMaj(0, 5), new DMatrixRMaj(3, 5), c);
        assertEquals(0, c.numRows);
        assertEquals(3, c.numCols);
        DMatrixRMaj bias = new DMatrixRMaj(1, 2, true, 1.5, -2);
        kernel.multAddBias(new DMatrixRMaj(2, 0), new DMatrixRMaj(0, 2), bias, c);
        assertEquals(2, c.numRows);
        assertTrue(Arrays.equals(new double[] {1.5, -2, 1.5, -2}, Arrays.copyOf(c.data, 4)), "k = 0 gives the bias");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void badShapesAreRejectedNamingBothShapes(Variant backend) {
        Backend kernel = backend.create();
        DMatrixRMaj c = new DMatrixRMaj(1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kernel.mult(new DMatrixRMaj(15, 64), new DMatrixRMaj(63, 15), c));
        assertEquals("mult: A is 15×64 but B is 63×15", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> kernel.multTransA(new DMatrixRMaj(15, 64), new DMatrixRMaj(14, 15), c));
        assertTrue(e.getMessage().startsWith("multTransA:") && e.getMessage().contains("15×64")
                && e.getMessage().contains("14×15"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> kernel.multTransB(new DMatrixRMaj(15, 10), new DMatrixRMaj(15, 11), c));
        assertTrue(e.getMessage().startsWith("multTransB:") && e.getMessage().contains("15×10")
                && e.getMessage().contains("15×11"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> kernel.multAddBias(new DMatrixRMaj(15, 64), new DMatrixRMaj(64, 15), new DMatrixRMaj(1, 14), c));
        assertTrue(e.getMessage().contains("1×15") && e.getMessage().contains("1×14"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> kernel.multAddBias(new DMatrixRMaj(15, 64), new DMatrixRMaj(64, 15), new DMatrixRMaj(15, 1), c));
        assertThrows(IllegalArgumentException.class, () -> kernel.mult(null, new DMatrixRMaj(1, 1), c));
        assertThrows(IllegalArgumentException.class, () -> kernel.mult(new DMatrixRMaj(1, 1), new DMatrixRMaj(1, 1), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aliasedOutputsAreRejected(Variant backend) {
        Backend kernel = backend.create();
        Random rnd = new Random(23);
        DMatrixRMaj a = random(5, 5, rnd);
        DMatrixRMaj b = random(5, 5, rnd);
        DMatrixRMaj bias = random(1, 5, rnd);
        DMatrixRMaj aCopy = a.copy();
        DMatrixRMaj sharesA = DMatrixRMaj.wrap(5, 5, a.data);
        DMatrixRMaj sharesBias = DMatrixRMaj.wrap(1, 5, bias.data);
        assertThrows(IllegalArgumentException.class, () -> kernel.mult(a, b, a));
        assertThrows(IllegalArgumentException.class, () -> kernel.mult(a, b, b));
        assertThrows(IllegalArgumentException.class, () -> kernel.mult(a, b, sharesA));
        assertThrows(IllegalArgumentException.class, () -> kernel.multTransA(a, b, a));
        assertThrows(IllegalArgumentException.class, () -> kernel.multTransA(a, b, b));
        assertThrows(IllegalArgumentException.class, () -> kernel.multTransB(a, b, a));
        assertThrows(IllegalArgumentException.class, () -> kernel.multTransB(a, b, sharesA));
        assertThrows(IllegalArgumentException.class, () -> kernel.multAddBias(a, b, bias, bias));
        assertThrows(IllegalArgumentException.class, () -> kernel.multAddBias(a, b, bias, sharesBias));
        assertThrows(IllegalArgumentException.class, () -> kernel.multAddBias(a, b, bias, a));
        assertTrue(sameBits(aCopy, a), "a rejected call modifies nothing");
        // the same matrix as both inputs is fine
        DMatrixRMaj c = new DMatrixRMaj(1, 1);
        kernel.multTransA(a, a, c);
        assertClose(backend + " AᵀA", reference(Op.TRANS_A, a, a, null), c, 5, a, a, null);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void sameInputsGiveTheSameBits(Variant backend) {
        Backend kernel = backend.create();
        Random rnd = new Random(24);
        for (Op op : Op.values()) {
            DMatrixRMaj[] abz = operands(op, 129, 200, 70, rnd);
            DMatrixRMaj first = new DMatrixRMaj(1, 1);
            apply(kernel, op, abz[0], abz[1], abz[2], first);
            // other work in between, leaving different data in the per-thread buffers
            DMatrixRMaj[] other = operands(op, 31, 300, 301, rnd);
            apply(kernel, op, other[0], other[1], other[2], new DMatrixRMaj(1, 1));
            DMatrixRMaj second = new DMatrixRMaj(1, 1);
            apply(kernel, op, abz[0], abz[1], abz[2], second);
            assertTrue(sameBits(first, second), backend + " " + op + ": two identical calls differ by up to "
                    + LinalgTesting.maxDiff(first, second));
        }
    }

    /**
     * Splitting the output rows across threads changes no bit. Small and narrow products take each
     * kernel's unpacked path on one thread and the packed path when split (threshold 0), so this
     * also proves the two paths agree to the bit.
     */
    @Test
    void blockedGivesTheSameBitsOnAnyThreadCount() {
        assertThreadIndependence(new BlockedKernel(1), new BlockedKernel(2, 0), new BlockedKernel(3, 0));
    }

    @Test
    void vectorGivesTheSameBitsOnAnyThreadCount() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Backends.vectorAvailable(), "needs the vector module");
        assertThreadIndependence(LinalgTesting.vector(1, 0), LinalgTesting.vector(2, 0), LinalgTesting.vector(3, 0));
    }

    private static void assertThreadIndependence(Backend one, Backend... many) {
        Random rnd = new Random(25);
        int[][] shapes = {{128, 784, 256}, {784, 128, 256}, {128, 256, 784}, {129, 129, 129}, {7, 15, 129},
                {15, 64, 15}, {2, 5, 3}, {9, 300, 17}, {64, 15, 15}, {15, 10, 15}, {33, 64, 10}, {200, 64, 15},
                {1797, 64, 15}, {17, 256, 33}, {16, 257, 16}};
        for (int[] s : shapes) {
            for (Op op : Op.values()) {
                DMatrixRMaj[] abz = operands(op, s[0], s[1], s[2], rnd);
                DMatrixRMaj expected = new DMatrixRMaj(1, 1);
                apply(one, op, abz[0], abz[1], abz[2], expected);
                for (Backend kernel : many) {
                    DMatrixRMaj got = new DMatrixRMaj(1, 1);
                    apply(kernel, op, abz[0], abz[1], abz[2], got);
                    assertTrue(sameBits(expected, got), kernel + " " + describe(op, abz[0], abz[1])
                            + ": differs from one thread by up to " + LinalgTesting.maxDiff(expected, got));
                }
            }
        }
    }

    @Test
    void manyCallersAtOnceGetTheirOwnResults() throws Exception {
        Backend kernel = new BlockedKernel(2, 0);
        Random rnd = new Random(26);
        int callers = 4;
        DMatrixRMaj[][] inputs = new DMatrixRMaj[callers][];
        DMatrixRMaj[] expected = new DMatrixRMaj[callers];
        for (int t = 0; t < callers; t++) {
            inputs[t] = operands(Op.MULT, 40 + t, 90 + 7 * t, 33 + t, rnd);
            expected[t] = new DMatrixRMaj(1, 1);
            new BlockedKernel(1).mult(inputs[t][0], inputs[t][1], expected[t]);
        }
        Thread[] threads = new Thread[callers];
        boolean[] ok = new boolean[callers];
        for (int t = 0; t < callers; t++) {
            int id = t;
            threads[t] = new Thread(() -> {
                boolean good = true;
                DMatrixRMaj c = new DMatrixRMaj(1, 1);
                for (int r = 0; r < 50; r++) {
                    kernel.mult(inputs[id][0], inputs[id][1], c);
                    good &= sameBits(expected[id], c);
                }
                ok[id] = good;
            });
            threads[t].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (int t = 0; t < callers; t++) {
            assertTrue(ok[t], "caller " + t + " got a wrong result");
        }
    }

    /**
     * What {@link Backend#propagatesNonFinite} promises (and {@code Network.predict} relies on to
     * check z₀ instead of x): one NaN or ±∞ in a row of op(A) makes that whole row of the result
     * non-finite, for every operation and shape, including where the matching row of op(B) is zero
     * (∞·0 is NaN) and where a +∞ and a −∞ meet in one sum.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aNonFiniteEntryOfAReachesItsWholeRowWhereThePromiseIsMade(Variant backend) {
        Backend kernel = backend.create();
        if (!kernel.propagatesNonFinite()) {
            assertEquals("ejml", kernel.name(), "only the reference makes no promise");
            return;
        }
        Random rnd = new Random(33);
        int[][] shapes = {{1, 1, 1}, {7, 15, 10}, {15, 64, 15}, {129, 7, 15}, {300, 64, 15}, {33, 129, 40},
                {5, 9, 300}};
        double[] bad = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int[] s : shapes) {
            int m = s[0], k = s[1], n = s[2];
            for (Op op : Op.values()) {
                for (int trial = 0; trial < 6; trial++) {
                    DMatrixRMaj[] o = operands(op, m, k, n, rnd);
                    DMatrixRMaj a = o[0], b = o[1];
                    int row = rnd.nextInt(m);
                    int p = rnd.nextInt(k);
                    setOpA(op, a, row, p, bad[trial % 3]);
                    if (trial >= 3) {
                        // the bad entry meets only zeros of op(B), or an opposite infinity
                        for (int j = 0; j < n; j++) {
                            setOpB(op, b, p, j, 0.0);
                        }
                        if (k > 1 && trial == 4) {
                            setOpA(op, a, row, (p + 1) % k, Double.NEGATIVE_INFINITY);
                            setOpA(op, a, row, p, Double.POSITIVE_INFINITY);
                        }
                    }
                    DMatrixRMaj c = new DMatrixRMaj(1, 1);
                    apply(kernel, op, a, b, o[2], c);
                    for (int j = 0; j < n; j++) {
                        assertTrue(!Double.isFinite(c.get(row, j)), backend + " " + describe(op, a, b) + " trial "
                                + trial + ": op(A)(" + row + ", " + p + ") is not finite but C(" + row + ", " + j
                                + ") = " + c.get(row, j));
                    }
                }
            }
        }
    }

    private static void setOpA(Op op, DMatrixRMaj a, int i, int p, double v) {
        if (op == Op.TRANS_A) {
            a.set(p, i, v);
        } else {
            a.set(i, p, v);
        }
    }

    private static void setOpB(Op op, DMatrixRMaj b, int p, int j, double v) {
        if (op == Op.TRANS_B) {
            b.set(j, p, v);
        } else {
            b.set(p, j, v);
        }
    }

    @Test
    void onlyTheBuiltInFastKernelsPromiseToPropagateNonFiniteInput() {
        assertTrue(new BlockedKernel(1).propagatesNonFinite());
        assertTrue(!new EjmlKernel().propagatesNonFinite());
        Backend own = new Backend() {
            private final Backend inner = new BlockedKernel(1);

            @Override
            public void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
                inner.mult(a, b, c);
            }

            @Override
            public void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
                inner.multTransA(a, b, c);
            }

            @Override
            public void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
                inner.multTransB(a, b, c);
            }

            @Override
            public String name() {
                return "own";
            }
        };
        assertTrue(!own.propagatesNonFinite(), "a caller's own backend makes no promise unless it says so");
    }

    @Test
    void threadCountsAreValidated() {
        assertThrows(IllegalArgumentException.class, () -> new BlockedKernel(0));
        assertThrows(IllegalArgumentException.class, () -> new BlockedKernel(1, -1));
        assertThrows(IllegalArgumentException.class, () -> new BlockedKernel(1, Double.NaN));
        assertEquals(2, new BlockedKernel(2).threads());
    }
}
