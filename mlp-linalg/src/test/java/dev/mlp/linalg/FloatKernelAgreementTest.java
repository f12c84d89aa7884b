package dev.mlp.linalg;

import dev.mlp.linalg.LinalgTesting.Op;
import dev.mlp.linalg.LinalgTesting.Variant;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Random;

import static dev.mlp.linalg.FloatTesting.apply;
import static dev.mlp.linalg.FloatTesting.assertWithinFloatRounding;
import static dev.mlp.linalg.FloatTesting.describe;
import static dev.mlp.linalg.FloatTesting.operands;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every backend's float32 products against the float64 product of the same float inputs, within
 * float32's rounding bound; and the blocked kernel against EJML's {@code CommonOps_FDRM}, bit for bit.
 */
class FloatKernelAgreementTest {

    private static final int[] SIZES = {1, 7, 15, 33, 129};

    /** m, k, n as training uses them (Fashion-sized and the blog's layers), and a tall narrow one. */
    private static final int[][] LAYER_SHAPES = {
            {128, 784, 256}, {128, 256, 128}, {784, 128, 256}, {256, 128, 128}, {128, 256, 784},
            {128, 128, 10}, {15, 64, 15}, {64, 15, 15}, {15, 15, 10}, {15, 10, 15}, {12, 64, 15}, {1797, 64, 15},
    };

    static List<Variant> backends() {
        return LinalgTesting.backends();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void agreesWithTheFloat64ProductOnSmallShapesInEveryDimension(Variant backend) {
        FloatBackend kernel = backend.create().float32();
        Random rnd = new Random(11);
        FMatrixRMaj c = new FMatrixRMaj(1, 1);
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
    void agreesWithTheFloat64ProductOnLayerShapes(Variant backend) {
        FloatBackend kernel = backend.create().float32();
        Random rnd = new Random(12);
        FMatrixRMaj c = new FMatrixRMaj(1, 1);
        for (int[] s : LAYER_SHAPES) {
            for (Op op : Op.values()) {
                check(kernel, backend, op, s[0], s[1], s[2], rnd, c);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("backends")
    void agreesWithTheFloat64ProductOnRandomShapes(Variant backend) {
        FloatBackend kernel = backend.create().float32();
        Random rnd = new Random(13);
        FMatrixRMaj c = new FMatrixRMaj(1, 1);
        for (int t = 0; t < 24; t++) {
            Op op = Op.values()[t % Op.values().length];
            check(kernel, backend, op, 1 + rnd.nextInt(200), 1 + rnd.nextInt(300), 1 + rnd.nextInt(200), rnd, c);
        }
    }

    /**
     * The plain-Java kernel sums in EJML's order with separately rounded float products, so its
     * results are {@code CommonOps_FDRM}'s exactly (== comparison, which only ignores the sign of zero).
     */
    @Test
    void blockedEqualsEjmlExactly() {
        FloatBackend kernel = new BlockedKernel(2, 0).float32();
        Random rnd = new Random(14);
        FMatrixRMaj c = new FMatrixRMaj(1, 1);
        int[][] shapes = {{1, 1, 1}, {7, 15, 129}, {129, 7, 15}, {15, 129, 7}, {128, 784, 256}, {784, 128, 256},
                {128, 256, 784}, {15, 64, 15}, {64, 15, 15}, {15, 10, 15}, {3, 300, 1}, {1, 300, 3},
                {15, 15, 10}, {9, 13, 40}, {5, 130, 30}, {6, 11, 300}, {6, 64, 260},
                {5, 3, 7}, {2, 9, 16}, {13, 1, 3}, {4, 4, 4}, {63, 4, 16}, {15, 19, 15}, {64, 4, 16}, {6, 3, 17},
                {1, 1100, 1}, {1, 256, 1}, {300, 20, 10}, {1797, 64, 15}};
        for (int[] s : shapes) {
            for (Op op : Op.values()) {
                FMatrixRMaj[] abz = operands(op, s[0], s[1], s[2], rnd);
                FMatrixRMaj expected = reference(op, abz[0], abz[1], abz[2]);
                apply(kernel, op, abz[0], abz[1], abz[2], c);
                int differing = 0;
                for (int i = 0; i < expected.getNumElements(); i++) {
                    if (expected.data[i] != c.data[i]) {
                        differing++;
                    }
                }
                int count = differing;
                assertEquals(0, count, () -> describe(op, abz[0], abz[1]) + ": " + count + " entries differ from EJML");
            }
        }
    }

    /** EJML's CommonOps_FDRM directly, plus a row-by-row bias add for BIAS. */
    private static FMatrixRMaj reference(Op op, FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj bias) {
        FMatrixRMaj c = new FMatrixRMaj(1, 1);
        switch (op) {
            case MULT -> CommonOps_FDRM.mult(a, b, c);
            case TRANS_A -> CommonOps_FDRM.multTransA(a, b, c);
            case TRANS_B -> CommonOps_FDRM.multTransB(a, b, c);
            case BIAS -> {
                CommonOps_FDRM.mult(a, b, c);
                for (int i = 0; i < c.numRows; i++) {
                    for (int j = 0; j < c.numCols; j++) {
                        c.data[i * c.numCols + j] += bias.data[j];
                    }
                }
            }
        }
        return c;
    }

    private static void check(FloatBackend kernel, Variant backend, Op op, int m, int k, int n, Random rnd,
                              FMatrixRMaj c) {
        FMatrixRMaj[] abz = operands(op, m, k, n, rnd);
        apply(kernel, op, abz[0], abz[1], abz[2], c);
        assertWithinFloatRounding(backend + " float32 " + describe(op, abz[0], abz[1]), op, abz[0], abz[1], abz[2], c);
    }
}
