package dev.mlp.linalg;

import dev.mlp.linalg.LinalgTesting.Op;
import dev.mlp.linalg.LinalgTesting.Variant;
import org.ejml.data.DMatrixRMaj;
import org.ejml.data.FMatrixRMaj;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static dev.mlp.linalg.FloatTesting.apply;
import static dev.mlp.linalg.FloatTesting.assertWithinFloatRounding;
import static dev.mlp.linalg.FloatTesting.describe;
import static dev.mlp.linalg.FloatTesting.operands;
import static dev.mlp.linalg.FloatTesting.random;
import static dev.mlp.linalg.FloatTesting.randomOversized;
import static dev.mlp.linalg.FloatTesting.sameBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The float32 side of every backend keeps {@link KernelContractTest}'s contract: output handling,
 * argument errors with the same messages, determinism, thread-count independence, non-finite
 * propagation, and no allocation once warmed up; and it is the same backend as its float64 side.
 */
class FloatKernelContractTest {

    static List<Variant> backends() {
        return LinalgTesting.backends();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void isTheSameBackendAsItsFloat64Side(Variant backend) {
        Backend float64 = backend.create();
        FloatBackend float32 = float64.float32();
        assertSame(float32, float64.float32(), "one float32 side per backend");
        assertEquals(float64.name(), float32.name());
        assertEquals(float64.threads(), float32.threads());
        assertEquals(float64.vectorBits(), float32.vectorBits());
        assertEquals(float64.propagatesNonFinite(), float32.propagatesNonFinite());
        assertTrue(float32.description().startsWith(float64.name() + " (") && float32.description().endsWith(", float32)"),
                float32.description());
    }

    @Test
    void aCallersOwnBackendHasNoFloat32SideUnlessItSaysSo() {
        Backend own = new Backend() {
            @Override
            public void mult(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
            }

            @Override
            public void multTransA(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
            }

            @Override
            public void multTransB(DMatrixRMaj a, DMatrixRMaj b, DMatrixRMaj c) {
            }

            @Override
            public String name() {
                return "own";
            }
        };
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class, own::float32);
        assertEquals("backend 'own' has no float32 operations", e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void oversizedOutputAndInputsAreHandled(Variant backend) {
        FloatBackend kernel = backend.create().float32();
        Random rnd = new Random(21);
        int[][] shapes = {{12, 64, 15}, {7, 129, 15}, {1, 1, 1}, {129, 15, 7}, {70, 33, 40}};
        for (int[] s : shapes) {
            int m = s[0], k = s[1], n = s[2];
            for (Op op : Op.values()) {
                FMatrixRMaj a = op == Op.TRANS_A ? randomOversized(k, m, rnd) : randomOversized(m, k, rnd);
                FMatrixRMaj b = op == Op.TRANS_B ? randomOversized(n, k, rnd) : randomOversized(k, n, rnd);
                FMatrixRMaj bias = randomOversized(1, n, rnd);
                // an output that is larger and full of NaN: every entry must be overwritten,
                // nothing past m·n touched, and its array kept
                FMatrixRMaj c = new FMatrixRMaj(200, 200);
                Arrays.fill(c.data, Float.NaN);
                float[] array = c.data;
                apply(kernel, op, a, b, bias, c);
                assertSame(array, c.data, "the output's larger array is reused");
                assertWithinFloatRounding(backend + " " + describe(op, a, b), op, a, b, bias, c);
                for (int i = m * n; i < array.length; i++) {
                    assertTrue(Float.isNaN(array[i]), "entry " + i + " past the output's elements was written");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void outputGrowsWhenTooSmall(Variant backend) {
        FloatBackend kernel = backend.create().float32();
        Random rnd = new Random(22);
        FMatrixRMaj a = random(20, 30, rnd);
        FMatrixRMaj b = random(30, 40, rnd);
        FMatrixRMaj c = new FMatrixRMaj(2, 2);
        kernel.mult(a, b, c);
        assertWithinFloatRounding(backend + " mult", Op.MULT, a, b, null, c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void zeroSizedDimensions(Variant backend) {
        FloatBackend kernel = backend.create().float32();
        FMatrixRMaj c = new FMatrixRMaj(4, 4);
        Arrays.fill(c.data, Float.NaN);
        kernel.mult(new FMatrixRMaj(3, 0), new FMatrixRMaj(0, 4), c);
        assertEquals(3, c.numRows);
        assertEquals(4, c.numCols);
        for (int i = 0; i < 12; i++) {
            assertEquals(0f, c.data[i], "k = 0 gives zeros");
        }
        kernel.multTransA(new FMatrixRMaj(0, 2), new FMatrixRMaj(0, 3), c);
        assertEquals(2, c.numRows);
        assertEquals(3, c.numCols);
        kernel.multTransB(new FMatrixRMaj(0, 5), new FMatrixRMaj(3, 5), c);
        assertEquals(0, c.numRows);
        assertEquals(3, c.numCols);
        FMatrixRMaj bias = new FMatrixRMaj(1, 2, true, 1.5f, -2f);
        kernel.multAddBias(new FMatrixRMaj(2, 0), new FMatrixRMaj(0, 2), bias, c);
        assertEquals(2, c.numRows);
        assertTrue(Arrays.equals(new float[] {1.5f, -2f, 1.5f, -2f}, Arrays.copyOf(c.data, 4)), "k = 0 gives the bias");
    }

    /** The same messages as the float64 products, word for word. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void badShapesAreRejectedWithTheFloat64Messages(Variant backend) {
        Backend float64 = backend.create();
        FloatBackend kernel = float64.float32();
        FMatrixRMaj c = new FMatrixRMaj(1, 1);
        DMatrixRMaj dc = new DMatrixRMaj(1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kernel.mult(new FMatrixRMaj(15, 64), new FMatrixRMaj(63, 15), c));
        assertEquals("mult: A is 15×64 but B is 63×15", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> kernel.multTransA(new FMatrixRMaj(15, 64), new FMatrixRMaj(14, 15), c));
        assertEquals(assertThrows(IllegalArgumentException.class,
                () -> float64.multTransA(new DMatrixRMaj(15, 64), new DMatrixRMaj(14, 15), dc)).getMessage(), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> kernel.multTransB(new FMatrixRMaj(15, 10), new FMatrixRMaj(15, 11), c));
        assertEquals(assertThrows(IllegalArgumentException.class,
                () -> float64.multTransB(new DMatrixRMaj(15, 10), new DMatrixRMaj(15, 11), dc)).getMessage(), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> kernel.multAddBias(new FMatrixRMaj(15, 64), new FMatrixRMaj(64, 15), new FMatrixRMaj(1, 14), c));
        assertEquals("multAddBias: bias must be 1×15 for B 64×15, got 1×14", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> kernel.multAddBias(new FMatrixRMaj(15, 64), new FMatrixRMaj(64, 15), new FMatrixRMaj(15, 1), c));
        e = assertThrows(IllegalArgumentException.class, () -> kernel.mult(null, new FMatrixRMaj(1, 1), c));
        assertEquals("mult: A must not be null", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> kernel.mult(new FMatrixRMaj(1, 1), new FMatrixRMaj(1, 1), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aliasedOutputsAreRejected(Variant backend) {
        FloatBackend kernel = backend.create().float32();
        Random rnd = new Random(23);
        FMatrixRMaj a = random(5, 5, rnd);
        FMatrixRMaj b = random(5, 5, rnd);
        FMatrixRMaj bias = random(1, 5, rnd);
        FMatrixRMaj aCopy = a.copy();
        FMatrixRMaj sharesA = FMatrixRMaj.wrap(5, 5, a.data);
        FMatrixRMaj sharesBias = FMatrixRMaj.wrap(1, 5, bias.data);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kernel.mult(a, b, a));
        assertEquals("mult: the output C must not be A nor share its data array", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> kernel.mult(a, b, b));
        assertThrows(IllegalArgumentException.class, () -> kernel.mult(a, b, sharesA));
        assertThrows(IllegalArgumentException.class, () -> kernel.multTransA(a, b, a));
        assertThrows(IllegalArgumentException.class, () -> kernel.multTransB(a, b, sharesA));
        assertThrows(IllegalArgumentException.class, () -> kernel.multAddBias(a, b, bias, sharesBias));
        assertThrows(IllegalArgumentException.class, () -> kernel.multAddBias(a, b, bias, a));
        assertTrue(sameBits(aCopy, a), "a rejected call modifies nothing");
        FMatrixRMaj c = new FMatrixRMaj(1, 1);
        kernel.multTransA(a, a, c);
        assertWithinFloatRounding(backend + " AᵀA", Op.TRANS_A, a, a, null, c);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void sameInputsGiveTheSameBits(Variant backend) {
        FloatBackend kernel = backend.create().float32();
        Random rnd = new Random(24);
        for (Op op : Op.values()) {
            FMatrixRMaj[] abz = operands(op, 129, 200, 70, rnd);
            FMatrixRMaj first = new FMatrixRMaj(1, 1);
            apply(kernel, op, abz[0], abz[1], abz[2], first);
            // other work in between, leaving different data in the per-thread buffers
            FMatrixRMaj[] other = operands(op, 31, 300, 301, rnd);
            apply(kernel, op, other[0], other[1], other[2], new FMatrixRMaj(1, 1));
            FMatrixRMaj second = new FMatrixRMaj(1, 1);
            apply(kernel, op, abz[0], abz[1], abz[2], second);
            assertTrue(sameBits(first, second), backend + " " + op + ": two identical calls differ");
        }
    }

    /**
     * Splitting the output rows across threads changes no bit; small and narrow products take the
     * unpacked paths on one thread and the packed path when split (threshold 0), so this also
     * proves the paths agree to the bit.
     */
    @Test
    void blockedGivesTheSameBitsOnAnyThreadCount() {
        assertThreadIndependence(new BlockedKernel(1).float32(), new BlockedKernel(2, 0).float32(),
                new BlockedKernel(3, 0).float32());
    }

    @Test
    void vectorGivesTheSameBitsOnAnyThreadCount() {
        Assumptions.assumeTrue(Backends.vectorAvailable(), "needs the vector module");
        assertThreadIndependence(LinalgTesting.vector(1, 0).float32(), LinalgTesting.vector(2, 0).float32(),
                LinalgTesting.vector(3, 0).float32());
    }

    private static void assertThreadIndependence(FloatBackend one, FloatBackend... many) {
        Random rnd = new Random(25);
        int[][] shapes = {{128, 784, 256}, {784, 128, 256}, {128, 256, 784}, {129, 129, 129}, {7, 15, 129},
                {15, 64, 15}, {2, 5, 3}, {9, 300, 17}, {64, 15, 15}, {15, 10, 15}, {33, 64, 10}, {200, 64, 15},
                {1797, 64, 15}, {17, 256, 33}, {16, 257, 16}, {40, 100, 70}};
        for (int[] s : shapes) {
            for (Op op : Op.values()) {
                FMatrixRMaj[] abz = operands(op, s[0], s[1], s[2], rnd);
                FMatrixRMaj expected = new FMatrixRMaj(1, 1);
                apply(one, op, abz[0], abz[1], abz[2], expected);
                for (FloatBackend kernel : many) {
                    FMatrixRMaj got = new FMatrixRMaj(1, 1);
                    apply(kernel, op, abz[0], abz[1], abz[2], got);
                    assertTrue(sameBits(expected, got), kernel + " " + describe(op, abz[0], abz[1])
                            + ": differs from one thread");
                }
            }
        }
    }

    /** As {@link KernelContractTest}: one NaN or ±∞ in a row of op(A) reaches its whole row of C. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aNonFiniteEntryOfAReachesItsWholeRowWhereThePromiseIsMade(Variant backend) {
        FloatBackend kernel = backend.create().float32();
        if (!kernel.propagatesNonFinite()) {
            assertEquals("ejml", kernel.name(), "only the reference makes no promise");
            return;
        }
        Random rnd = new Random(33);
        int[][] shapes = {{1, 1, 1}, {7, 15, 10}, {15, 64, 15}, {129, 7, 15}, {300, 64, 15}, {33, 129, 40},
                {5, 9, 300}};
        float[] bad = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY};
        for (int[] s : shapes) {
            int m = s[0], k = s[1], n = s[2];
            for (Op op : Op.values()) {
                for (int trial = 0; trial < 6; trial++) {
                    FMatrixRMaj[] o = operands(op, m, k, n, rnd);
                    FMatrixRMaj a = o[0], b = o[1];
                    int row = rnd.nextInt(m);
                    int p = rnd.nextInt(k);
                    setOp(op == Op.TRANS_A, a, row, p, bad[trial % 3]);
                    if (trial >= 3) {
                        // the bad entry meets only zeros of op(B), or an opposite infinity
                        for (int j = 0; j < n; j++) {
                            setOp(op != Op.TRANS_B, b, j, p, 0f);
                        }
                        if (k > 1 && trial == 4) {
                            setOp(op == Op.TRANS_A, a, row, (p + 1) % k, Float.NEGATIVE_INFINITY);
                            setOp(op == Op.TRANS_A, a, row, p, Float.POSITIVE_INFINITY);
                        }
                    }
                    FMatrixRMaj c = new FMatrixRMaj(1, 1);
                    apply(kernel, op, a, b, o[2], c);
                    for (int j = 0; j < n; j++) {
                        assertTrue(!Float.isFinite(c.get(row, j)), backend + " " + describe(op, a, b) + " trial "
                                + trial + ": op(A)(" + row + ", " + p + ") is not finite but C(" + row + ", " + j
                                + ") = " + c.get(row, j));
                    }
                }
            }
        }
    }

    /** Sets entry (i, p) of op(X), where X is stored transposed when {@code transposed}. */
    private static void setOp(boolean transposed, FMatrixRMaj x, int i, int p, float v) {
        if (transposed) {
            x.set(p, i, v);
        } else {
            x.set(i, p, v);
        }
    }

    /**
     * Once warmed up, a product on one thread allocates nothing, on each path: the small unpacked
     * ones (the blog's layers, a tall narrow one) and the packed ones (an inner dimension past one
     * block). The reference, EJML, is not held to it. One object per call would be at least 16
     * bytes, 3200 over the 200 calls measured per shape; the bound of
     * 512 bytes leaves room for what the JVM allocates now and then on a thread. A measurement is
     * repeated, at most ten times, while the JIT settles (the Vector API allocates until C2 has
     * compiled it); a steady allocation would exceed the bound every time.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void aWarmedUpProductAllocatesNothing(Variant backend) {
        com.sun.management.ThreadMXBean threads = ParallelTest.allocationCountingOrSkip();
        FloatBackend kernel = backend.create().float32();
        Assumptions.assumeTrue(kernel.threads() == 1 && !kernel.name().equals("ejml"),
                "split products: ParallelTest; EJML is the reference");
        Random rnd = new Random(27);
        int[][] shapes = {{15, 64, 15}, {15, 15, 10}, {300, 64, 15}, {40, 300, 40}, {33, 70, 129}};
        long self = Thread.currentThread().getId();
        for (int[] s : shapes) {
            for (Op op : Op.values()) {
                FMatrixRMaj[] abz = operands(op, s[0], s[1], s[2], rnd);
                FMatrixRMaj c = new FMatrixRMaj(s[0], s[2]);
                Runnable call = () -> apply(kernel, op, abz[0], abz[1], abz[2], c);
                for (int i = 0; i < 1000; i++) {
                    call.run();
                }
                long allocated = Long.MAX_VALUE;
                long deadline = System.nanoTime() + ParallelTest.SETTLE_NANOS;
                while (allocated > 512 && System.nanoTime() < deadline) {
                    long before = threads.getThreadAllocatedBytes(self);
                    for (int i = 0; i < 200; i++) {
                        call.run();
                    }
                    allocated = threads.getThreadAllocatedBytes(self) - before;
                }
                assertTrue(allocated <= 512, backend + " " + describe(op, abz[0], abz[1]) + ": " + allocated
                        + " bytes allocated over 200 calls");
            }
        }
    }
}
