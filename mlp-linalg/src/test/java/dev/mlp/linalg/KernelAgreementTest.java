package dev.mlp.linalg;

import dev.mlp.linalg.LinalgTesting.Variant;
import dev.mlp.linalg.LinalgTesting.Op;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;

import static dev.mlp.linalg.LinalgTesting.apply;
import static dev.mlp.linalg.LinalgTesting.assertClose;
import static dev.mlp.linalg.LinalgTesting.describe;
import static dev.mlp.linalg.LinalgTesting.operands;
import static dev.mlp.linalg.LinalgTesting.reference;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every backend against EJML's CommonOps_DDRM, for all three products and the fused bias. */
class KernelAgreementTest {

    private static final int[] SIZES = {1, 7, 15, 129};

    /** m, k, n of op(A)·op(B) as training uses them: forward, dW = aᵀδ, δWᵀ, and the blog's. */
    private static final int[][] LAYER_SHAPES = {
            {128, 784, 256}, {128, 256, 128}, {784, 128, 256}, {256, 128, 128}, {128, 256, 784},
            {128, 128, 256}, {15, 64, 15}, {64, 15, 15}, {15, 15, 10}, {15, 10, 15}, {12, 64, 15},
    };

    static List<Variant> backends() {
        return LinalgTesting.backends();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void agreesWithEjmlOnSmallShapesInEveryDimension(Variant backend) {
        Backend kernel = backend.create();
        Random rnd = new Random(11);
        DMatrixRMaj c = new DMatrixRMaj(1, 1);
        for (Op op : Op.values()) {
            for (int m : SIZES) {
                for (int k : SIZES) {
                    for (int n : SIZES) {
                        check(kernel, backend, op, m, k, n, rnd, c);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void agreesWithEjmlOnLayerShapes(Variant backend) {
        Backend kernel = backend.create();
        Random rnd = new Random(12);
        DMatrixRMaj c = new DMatrixRMaj(1, 1);
        for (int[] s : LAYER_SHAPES) {
            for (Op op : Op.values()) {
                check(kernel, backend, op, s[0], s[1], s[2], rnd, c);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void agreesWithEjmlOnRandomShapes(Variant backend) {
        Backend kernel = backend.create();
        Random rnd = new Random(13);
        DMatrixRMaj c = new DMatrixRMaj(1, 1);
        for (int t = 0; t < 24; t++) {
            Op op = Op.values()[t % Op.values().length];
            check(kernel, backend, op, 1 + rnd.nextInt(160), 1 + rnd.nextInt(160), 1 + rnd.nextInt(160), rnd, c);
        }
    }

    /**
     * The plain-Java kernel sums in EJML's order with separately rounded products, so its results
     * are EJML's exactly (== comparison, which only ignores the sign of zero).
     */
    @org.junit.jupiter.api.Test
    void blockedEqualsEjmlExactly() {
        Backend kernel = new BlockedKernel(2, 0);
        Random rnd = new Random(14);
        DMatrixRMaj c = new DMatrixRMaj(1, 1);
        int[][] shapes = {{1, 1, 1}, {7, 15, 129}, {129, 7, 15}, {15, 129, 7}, {128, 784, 256}, {784, 128, 256},
                {128, 256, 784}, {15, 64, 15}, {64, 15, 15}, {15, 10, 15}, {3, 300, 1}, {1, 300, 3},
                // narrow rows whose bias comes with the last 3, 1 or 2 inner steps, after several
                // blocks of the inner dimension, and in a narrow last panel past column 256
                {15, 15, 10}, {9, 13, 40}, {5, 130, 30}, {6, 11, 300}, {6, 64, 260},
                // small products summed in scalar 4 × 4 blocks: partial blocks of every size, the
                // largest taken (63 · 4 · 16, in whole blocks 64 · 4 · 16 = 4096) and the first ones
                // past the limits, one only in whole blocks (1 · 1100 · 1 is 4 · 1100 · 4)
                {5, 3, 7}, {2, 9, 16}, {13, 1, 3}, {4, 4, 4}, {63, 4, 16}, {15, 19, 15}, {64, 4, 16}, {6, 3, 17},
                {1, 1100, 1}, {1, 256, 1},
                // tall and narrow: blocks of A transposed eight columns at a time, then the rest
                {300, 20, 10}, {1797, 64, 15}};
        for (int[] s : shapes) {
            for (Op op : Op.values()) {
                DMatrixRMaj[] abz = operands(op, s[0], s[1], s[2], rnd);
                DMatrixRMaj expected = reference(op, abz[0], abz[1], abz[2]);
                apply(kernel, op, abz[0], abz[1], abz[2], c);
                int differing = 0;
                for (int i = 0; i < expected.getNumElements(); i++) {
                    if (expected.data[i] != c.data[i]) {
                        differing++;
                    }
                }
                int count = differing;
                assertEquals(0, count, () -> describe(op, abz[0], abz[1]) + ": " + count + " entries differ from EJML, "
                        + "max |difference| " + LinalgTesting.maxDiff(expected, c));
            }
        }
    }

    private static void check(Backend kernel, Variant backend, Op op, int m, int k, int n, Random rnd,
                              DMatrixRMaj c) {
        DMatrixRMaj[] abz = operands(op, m, k, n, rnd);
        DMatrixRMaj expected = reference(op, abz[0], abz[1], abz[2]);
        apply(kernel, op, abz[0], abz[1], abz[2], c);
        assertTrue(c.numRows == m && c.numCols == n, () -> backend + " " + op + ": output is " + c.numRows + "×"
                + c.numCols + ", expected " + m + "×" + n);
        assertClose(backend + " " + describe(op, abz[0], abz[1]), expected, c, k, abz[0], abz[1],
                op == Op.BIAS ? abz[2] : null);
    }
}
